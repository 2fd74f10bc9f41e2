package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import io.metagroup.spi.Outcome;
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
 * Group commit keeps each proposal's own outcome: proposals queued behind a record in flight go out together in one
 * record, and an entry Rejected at apply among them fails only itself; its neighbours in the same record are
 * Applied, and every node applied exactly the accepted ones.
 */
class GroupCommitOutcomesTest {
    private static final int QUEUED = 12;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRejectedProposalInASharedRecordFailsOnlyItself(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults().withBatching(256, 1 << 20, 1))) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            MetadataGroup proposer = cluster.node(leader % 3 + 1);
            proposer.propose(Recorder.ddl("warm-up")).get(30, TimeUnit.SECONDS);

            // the first takes the one record slot; the others queue behind it and share the next record
            CompletableFuture<ProposalResult> head = proposer.propose(Recorder.ddl("head"));
            List<CompletableFuture<ProposalResult>> queued = new ArrayList<>();
            for (int i = 0; i < QUEUED; i++) {
                queued.add(proposer.propose(Recorder.ddl(i % 3 == 1 ? "reject:q" + i : "ok-q" + i)));
            }
            head.get(30, TimeUnit.SECONDS);
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            List<ProposalResult> results = queued.stream().map(CompletableFuture::join).toList();
            assertThat(results.stream().map(ProposalResult::index).distinct())
                    .as("the queued proposals went out in one record").hasSize(1);
            for (int i = 0; i < QUEUED; i++) {
                Outcome outcome = results.get(i).outcome();
                if (i % 3 == 1) {
                    assertThat(outcome).as("proposal %d", i).isInstanceOf(Outcome.Rejected.class);
                    assertThat(((Outcome.Rejected) outcome).reason()).contains("'reject:'");
                } else {
                    assertThat(outcome.isApplied()).as("proposal %d", i).isTrue();
                }
            }
            long index = results.get(0).index();
            cluster.awaitAllApplied(index, Duration.ofSeconds(30));
            List<String> expected = new ArrayList<>(List.of("warm-up", "head"));
            for (int i = 0; i < QUEUED; i++) {
                if (i % 3 != 1) {
                    expected.add("ok-q" + i);
                }
            }
            for (long id : cluster.ids()) {
                assertThat(cluster.recorder(id).applied()).as("applied on node %d", id).isEqualTo(expected);
            }
        }
    }
}
