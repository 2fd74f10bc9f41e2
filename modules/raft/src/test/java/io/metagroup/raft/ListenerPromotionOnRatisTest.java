package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.internal.Ids;
import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.RatisAdmin;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ratis has no learner, only LISTENER. Proof on Ratis 3.3.0, with plain setConfiguration calls: a node added as a
 * listener receives and applies the log without voting, and a second setConfiguration promotes it to a follower
 * whose acknowledgement then counts for the quorum.
 */
class ListenerPromotionOnRatisTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aListenerCanBePromotedToAVotingFollower(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults().withReconcileInterval(
                Duration.ofHours(1)))) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.node(1).propose(Recorder.ddl("before")).get(20, TimeUnit.SECONDS);
            MetadataGroup four = cluster.startJoining(4);
            List<Member> voters = List.of(cluster.config(1).self(), cluster.config(2).self(), cluster.config(3).self());
            RaftPeer asListener = RaftPeer.newBuilder().setId(Ids.peerId(4)).setAddress(cluster.config(4).self().address())
                    .setStartupRole(RaftPeerRole.LISTENER).build();
            RaftPeer asVoter = Ids.peer(cluster.config(4).self());
            List<RaftPeer> voterPeers = voters.stream().map(Ids::peer).toList();
            RaftClient client = RatisAdmin.client("test", voters);
            try {
                RaftClientReply added = client.admin().setConfiguration(voterPeers, List.of(asListener));
                assertThat(added.isSuccess()).isTrue();
                Await.until(Duration.ofSeconds(20), "node 4 is a listener",
                        () -> four.status().role() == GroupStatus.Role.LISTENER);
                cluster.node(2).propose(Recorder.ddl("while-listener")).get(20, TimeUnit.SECONDS);
                Await.until(Duration.ofSeconds(20), "the listener applies the log",
                        () -> four.core().applier(Recorder.ID, Recorder.class).applied()
                                .equals(List.of("before", "while-listener")));
                assertThat(cluster.node(1).status().peers()).filteredOn(p -> p.nodeId() == 4)
                        .singleElement().extracting(GroupStatus.PeerStatus::voter).isEqualTo(false);

                List<RaftPeer> fourVoters = new java.util.ArrayList<>(voterPeers);
                fourVoters.add(asVoter);
                RaftClientReply promoted = client.admin().setConfiguration(fourVoters, List.of());
                assertThat(promoted.isSuccess()).isTrue();
                Await.until(Duration.ofSeconds(20), "node 4 is a follower",
                        () -> four.status().role() == GroupStatus.Role.FOLLOWER
                                || four.status().role() == GroupStatus.Role.LEADER);
                assertThat(cluster.node(1).status().peers()).filteredOn(p -> p.nodeId() == 4)
                        .singleElement().extracting(GroupStatus.PeerStatus::voter).isEqualTo(true);

                // with four voters the quorum is three: stop one original voter (not the leader), so a commit now
                // needs node 4's acknowledgement
                long leader = cluster.awaitLeader(Duration.ofSeconds(20));
                long stopped = List.of(1L, 2L, 3L).stream().filter(id -> id != leader).findFirst().orElseThrow();
                cluster.kill(stopped);
                ProposalResult after = cluster.node(leader).propose(Recorder.ddl("needs-node-4"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(after.applied()).isTrue();
                cluster.awaitAllApplied(after.index(), Duration.ofSeconds(20));
                // now stop node 4 too: two of four voters cannot commit
                cluster.kill(4);
                var blocked = cluster.node(leader).propose(Recorder.ddl("no-quorum"));
                Thread.sleep(2000);
                assertThat(blocked).isNotDone();
            } finally {
                RatisAdmin.close(client);
            }
        }
    }
}
