package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a node answers every proposal it holds: queued ones, ones whose record is on its way to the leader, and
 * ones committed but not yet applied here. Each completes either with its result or with CLOSED, never left hanging
 * (before, a record in flight at close was retried on the stopped timer and its future never completed).
 */
class CloseAnswersEveryProposalTest {
    private static final int PROPOSALS = 400;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyProposalOfAClosedFollowerIsAnswered(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults().withBatching(4, 1 << 20, 8))) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long follower = cluster.ids().stream().filter(id -> id != leader).findFirst().orElseThrow();
            MetadataGroup node = cluster.node(follower);
            node.propose(Recorder.ddl("warm-up")).get(30, TimeUnit.SECONDS);

            List<CompletableFuture<ProposalResult>> proposals = new ArrayList<>();
            for (int i = 0; i < PROPOSALS; i++) {
                proposals.add(node.propose(Recorder.ddl("p" + i)));
            }
            // close while records are in flight to the leader and most proposals are still queued
            cluster.kill(follower);

            CompletableFuture.allOf(proposals.stream().map(p -> p.handle((r, e) -> null))
                    .toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            long closed = proposals.stream().filter(p -> {
                try {
                    assertThat(p.join().applied()).isTrue();
                    return false;
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(ProposalException.class);
                    assertThat(((ProposalException) e.getCause()).kind()).isEqualTo(ProposalException.Kind.CLOSED);
                    return true;
                }
            }).count();
            assertThat(closed).as("proposals still queued at close are answered CLOSED").isPositive();
        }
    }
}
