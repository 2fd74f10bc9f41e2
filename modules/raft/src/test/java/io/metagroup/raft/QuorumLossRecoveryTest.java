package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that outlives a quorum loss longer than its proposals' deadline (so its sends to the group ran out of
 * retries) proposes again once the quorum is back: giving up on one request never leaves the node unable to send.
 */
class QuorumLossRecoveryTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSurvivorProposesAgainAfterTheQuorumReturns(@TempDir Path dir) throws Exception {
        Tuning tuning = Tuning.defaults().withProposeTimeout(Duration.ofSeconds(5));
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning)) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long survivor = leader % 3 + 1;
            MetadataGroup node = cluster.node(survivor);
            proposeUntilApplied(node, node.nextKey(), "before");
            for (long id : cluster.ids()) {
                if (id != survivor) {
                    cluster.kill(id);
                }
            }
            IdempotencyKey key = node.nextKey();
            for (int i = 0; i < 2; i++) { // sends that cannot commit, each outliving its deadline
                var stranded = node.propose(key, Recorder.ddl("during"));
                assertThatThrownBy(() -> stranded.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(ProposalException.class);
            }
            for (long id : cluster.ids()) {
                if (id != survivor) {
                    cluster.restart(id);
                }
            }
            cluster.awaitLeader(Duration.ofSeconds(30));
            proposeUntilApplied(node, key, "during");
            ProposalResult after = proposeUntilApplied(node, node.nextKey(), "after");
            cluster.awaitAllApplied(after.index(), Duration.ofSeconds(30));
            assertThat(cluster.recorder(survivor).counts()).containsEntry("during", 1).containsEntry("after", 1);
        }
    }

    /** Proposes with {@code key} until applied, retrying a retryable failure at most 8 times. */
    private static ProposalResult proposeUntilApplied(MetadataGroup node, IdempotencyKey key, String payload)
            throws Exception {
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                ProposalResult r = node.propose(key, Recorder.ddl(payload)).get(30, TimeUnit.SECONDS);
                assertThat(r.applied()).isTrue();
                return r;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ProposalException.class);
                assertThat(((ProposalException) e.getCause()).kind().retryable()).as("%s", e.getCause()).isTrue();
                failures.add(e.getCause().getMessage());
            }
        }
        throw new AssertionError("node " + node.nodeId() + " never applied " + payload + ": " + failures);
    }
}
