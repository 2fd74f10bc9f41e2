package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted node is ready once it has applied up to the commit index it saw at start; status shows leader,
 * term, commit and applied index, and every member with its commit index.
 */
class ReadinessAndStatusTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aRestartedNodeIsReadyAfterCatchingUpAndReportsTheGroup(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long follower = leader % 3 + 1;
            cluster.kill(follower);
            long last = 0;
            for (int i = 0; i < 50; i++) {
                last = cluster.node(leader).propose(Recorder.ddl("while-down-" + i)).get(20, TimeUnit.SECONDS).index();
            }
            MetadataGroup back = cluster.restart(follower);
            long readyAt = back.ready().get(30, TimeUnit.SECONDS);
            assertThat(readyAt).as("applied index when ready").isGreaterThanOrEqualTo(last);
            assertThat(back.appliedIndex()).isGreaterThanOrEqualTo(last);

            long finalLast = last;
            Await.until(Duration.ofSeconds(20), "the leader knows every member's commit index",
                    () -> cluster.node(leader).status().peers().stream().allMatch(p -> p.commitIndex() >= finalLast));
            GroupStatus s = cluster.node(leader).status();
            assertThat(s.role()).isEqualTo(GroupStatus.Role.LEADER);
            assertThat(s.leader()).hasValue(leader);
            assertThat(s.term()).isPositive();
            assertThat(s.commitIndex()).isGreaterThanOrEqualTo(last);
            assertThat(s.appliedIndex()).isGreaterThanOrEqualTo(last);
            assertThat(s.healthy()).isTrue();
            assertThat(s.ready()).isTrue();
            assertThat(s.peers()).extracting(GroupStatus.PeerStatus::nodeId).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(s.peers()).allMatch(GroupStatus.PeerStatus::voter);

            GroupStatus f = back.status();
            assertThat(f.role()).isEqualTo(GroupStatus.Role.FOLLOWER);
            assertThat(f.leader()).hasValue(leader);
            assertThat(f.term()).isEqualTo(s.term());
        }
    }
}
