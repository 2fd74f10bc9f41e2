package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Leadership moves to the voter a host names, and proposals keep working from every node. */
class LeadershipTransferTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void leadershipMovesToTheNamedVoter(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            long first = cluster.awaitLeader(Duration.ofSeconds(20));
            // a settled group: the leader's first entries are on every node (a target that lacks them refuses to
            // stand, and on a loaded machine the first leadership can still move on its own)
            long settled = cluster.node(first).propose(Recorder.ddl("settle")).get(30, TimeUnit.SECONDS).index();
            cluster.awaitAllApplied(settled, Duration.ofSeconds(30));
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long target = leader % 3 + 1;
            long requester = List.of(1L, 2L, 3L).stream().filter(id -> id != leader && id != target).findFirst()
                    .orElseThrow();
            cluster.node(requester).transferLeadership(target, Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(20), "node " + target + " leads",
                    () -> cluster.node(target).status().role() == GroupStatus.Role.LEADER);
            for (long id = 1; id <= 3; id++) {
                long node = id;
                Await.until(Duration.ofSeconds(20), "node " + node + " knows the new leader",
                        () -> cluster.node(node).status().leader().orElse(-1) == target);
            }
            ProposalResult r = cluster.node(leader).propose(Recorder.ddl("after-transfer")).get(30, TimeUnit.SECONDS);
            assertThat(r.applied()).isTrue();
            assertThat(cluster.node(target).awaitApplied(r.index()).get(20, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(r.index());
        }
    }
}
