package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Join → listener → caught up → voter → PromoteToVoter → Leave → removed, driven by the leader's reconciler from
 * the applied log, with the leader killed between the steps: each new leader resumes where the last one stopped.
 */
class MembershipChangeTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aJoiningNodeIsAddedPromotedAndRemovedAcrossLeaderCrashes(@TempDir Path dir) throws Exception {
        // a slow reconciler leaves a wide window between the steps, so the kills land between them
        Tuning tuning = Tuning.defaults().withReconcileInterval(Duration.ofMillis(1500));
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning)) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.node(2).propose(Recorder.ddl("before-join")).get(20, TimeUnit.SECONDS);
            MetadataGroup four = cluster.startJoining(4);
            ProposalResult joined = cluster.node(2).join(cluster.config(4).self()).get(20, TimeUnit.SECONDS);
            assertThat(joined.applied()).isTrue();

            Await.until(Duration.ofSeconds(30), "node 4 in the configuration as a listener",
                    () -> member(cluster, 4).map(p -> !p.voter()).orElse(false));
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.kill(leader); // between "added as listener" and "promoted"
            cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.restart(leader);

            Await.until(Duration.ofSeconds(40), "node 4 a voter",
                    () -> member(cluster, 4).map(GroupStatus.PeerStatus::voter).orElse(false));
            leader = cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.kill(leader); // between "voter in the configuration" and "PromoteToVoter applied" (or just after)
            cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.restart(leader);
            Await.until(Duration.ofSeconds(40), "PromoteToVoter applied",
                    () -> topology(cluster, 3).contains("topology:PromoteToVoter:4"));

            // the promoted node holds the whole log and votes
            ProposalResult afterPromotion = cluster.node(3).propose(Recorder.ddl("after-promotion"))
                    .get(30, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(20), "node 4 applied everything",
                    () -> four.appliedIndex() >= afterPromotion.index());
            assertThat(four.core().applier(Recorder.ID, Recorder.class).applied())
                    .isEqualTo(cluster.recorder(3).applied());
            assertThat(four.digest()).isEqualTo(cluster.node(3).digest());

            leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long proposer = leader == 1 ? 2 : 1;
            cluster.node(proposer).leave(4).get(20, TimeUnit.SECONDS);
            cluster.kill(leader); // right after Leave is applied: the next leader removes the node
            cluster.awaitLeader(Duration.ofSeconds(20));
            cluster.restart(leader);
            Await.until(Duration.ofSeconds(40), "node 4 removed from the configuration",
                    () -> member(cluster, 4).isEmpty() && cluster.leaderNow().isPresent());

            // each step applied exactly once, although leaders crashed in between and the promotion was proposed by
            // more than one leader
            assertThat(topology(cluster, 3)).containsExactly("topology:Join:4", "topology:PromoteToVoter:4",
                    "topology:Leave:4");
            // the group keeps working with its three original voters
            assertThat(cluster.node(proposer).propose(Recorder.ddl("after-removal")).get(30, TimeUnit.SECONDS)
                    .applied()).isTrue();
        }
    }

    private static List<String> topology(TestCluster cluster, long id) {
        return cluster.recorder(id).applied().stream().filter(s -> s.startsWith("topology:")).toList();
    }

    /** Node {@code id} in the configuration as the current leader sees it. */
    private static Optional<GroupStatus.PeerStatus> member(TestCluster cluster, long id) {
        MetadataGroup leader = cluster.leaderNow().orElseThrow();
        return leader.status().peers().stream().filter(p -> p.nodeId() == id).findFirst();
    }
}
