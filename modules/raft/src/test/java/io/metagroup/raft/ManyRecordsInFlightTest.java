package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without group commit, one proposal per record and more records in flight than the Ratis client's default window
 * of 100: every proposal is still applied (the window follows the tuning, so sending from reply callbacks never
 * blocks on a full window).
 */
class ManyRecordsInFlightTest {
    private static final int IN_FLIGHT = 256;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void moreRecordsInFlightThanTheDefaultWindowAreAllApplied(@TempDir Path dir) throws Exception {
        Tuning tuning = Tuning.defaults().withBatching(1, 1 << 20, IN_FLIGHT);
        try (TestCluster cluster = TestCluster.start(dir, 1, tuning)) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            MetadataGroup node = cluster.node(leader);
            List<CompletableFuture<ProposalResult>> proposals = new ArrayList<>();
            for (int i = 0; i < 2 * IN_FLIGHT; i++) {
                proposals.add(node.propose(Recorder.ddl("p" + i)));
            }
            CompletableFuture.allOf(proposals.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(proposals).allMatch(p -> p.join().applied());
            assertThat(proposals.stream().map(p -> p.join().index()).distinct())
                    .as("one record per proposal").hasSize(2 * IN_FLIGHT);
            assertThat(cluster.recorder(leader).applied()).hasSize(2 * IN_FLIGHT).doesNotHaveDuplicates();
        }
    }
}
