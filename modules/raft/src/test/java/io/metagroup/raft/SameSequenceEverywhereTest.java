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

/** Three nodes, 1,000 proposals from all three at once: the same sequence is applied everywhere. */
class SameSequenceEverywhereTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyNodeAppliesTheSameSequenceAndEndsWithTheSameDigest(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            List<CompletableFuture<ProposalResult>> results = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                MetadataGroup proposer = cluster.node(1 + i % 3);
                results.add(proposer.propose(Recorder.ddl("p-" + proposer.nodeId() + "-" + i)));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);

            long maxIndex = 0;
            for (CompletableFuture<ProposalResult> r : results) {
                ProposalResult result = r.join();
                assertThat(result.applied()).as("outcome of %s", result.key()).isTrue();
                maxIndex = Math.max(maxIndex, result.index());
            }
            // group commit: concurrent proposals share log records
            long distinctIndexes = results.stream().mapToLong(r -> r.join().index()).distinct().count();
            assertThat(distinctIndexes).isLessThan(1000);

            cluster.awaitAllApplied(maxIndex, Duration.ofSeconds(30));
            List<String> first = cluster.recorder(1).applied();
            assertThat(first).hasSize(1000).doesNotHaveDuplicates();
            for (long id : List.of(2L, 3L)) {
                assertThat(cluster.recorder(id).applied()).as("sequence on node %d", id).isEqualTo(first);
            }
            assertThat(cluster.node(2).digest()).isEqualTo(cluster.node(1).digest());
            assertThat(cluster.node(3).digest()).isEqualTo(cluster.node(1).digest());
        }
    }
}
