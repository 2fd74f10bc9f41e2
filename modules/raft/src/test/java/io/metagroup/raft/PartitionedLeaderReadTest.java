package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.LinkProxies;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader is cut off from its peers by severing the TCP links between nodes (each link runs through a proxy);
 * the others elect a new leader and commit a write. A linearizable read on the old leader never returns the state
 * without that write: it fails (no quorum confirms the old leader) while a local read there is visibly stale.
 * Healed, the old leader catches up and serves the write.
 */
class PartitionedLeaderReadTest {

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aPartitionedOldLeaderNeverServesAStaleLinearizableRead(@TempDir Path dir) throws Exception {
        try (LinkProxies proxies = new LinkProxies();
             TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults(), id -> Map.of(), proxies::view)) {
            long old = cluster.awaitLeader(Duration.ofSeconds(20));
            ProposalResult v1 = cluster.node(old).propose(Recorder.ddl("v1")).get(20, TimeUnit.SECONDS);
            cluster.awaitAllApplied(v1.index(), Duration.ofSeconds(20));
            MetadataGroup oldLeader = cluster.node(old);
            List<String> before = oldLeader.readLinearizable(PartitionedLeaderReadTest::recorded).get(20, TimeUnit.SECONDS);
            assertThat(before).containsExactly("v1");

            proxies.isolate(old);
            List<Long> others = List.of(1L, 2L, 3L).stream().filter(id -> id != old).toList();
            long next = Await.value(Duration.ofSeconds(30), "a new leader among the others", () -> others.stream()
                    .filter(id -> cluster.node(id).status().role() == GroupStatus.Role.LEADER).findFirst().orElse(null));
            ProposalResult v2 = cluster.node(next).propose(Recorder.ddl("v2")).get(20, TimeUnit.SECONDS);
            assertThat(v2.applied()).isTrue();

            for (int attempt = 0; attempt < 2; attempt++) {
                Throwable read = catchThrowable(() -> oldLeader.readLinearizable(PartitionedLeaderReadTest::recorded)
                        .get(30, TimeUnit.SECONDS));
                assertThat(read).as("a linearizable read on the isolated old leader")
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ReadException.class);
            }
            assertThat(oldLeader.readLocal(PartitionedLeaderReadTest::recorded)).as("its local state is stale").containsExactly("v1");

            proxies.heal(old);
            Await.until(Duration.ofSeconds(60), "the old leader serves the new write linearizably", () -> {
                try {
                    return oldLeader.readLinearizable(PartitionedLeaderReadTest::recorded).get(10, TimeUnit.SECONDS)
                            .equals(List.of("v1", "v2"));
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private static List<String> recorded(io.metagroup.core.MetadataCore core) {
        return core.applier(Recorder.ID, Recorder.class).applied();
    }
}
