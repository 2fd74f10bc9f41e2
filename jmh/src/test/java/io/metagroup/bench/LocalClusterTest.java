package io.metagroup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.ProposalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The end-to-end harness starts a real node, proposes durably through it, and cleans up. */
class LocalClusterTest {
    @Test
    void aSingleNodeAppliesTheProposalsThePipelineSends() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1, LocalCluster.tuning(true, 16), Samples.DDL_BYTES)) {
            assertThat(cluster.leader().status().role()).isEqualTo(GroupStatus.Role.LEADER);
            Pipeline pipeline = new Pipeline(cluster::propose, 16);
            Pipeline.Result r = pipeline.run(0, 10_000, 200);
            // the window closes at the 200th send; up to 16 complete after it, while draining
            assertThat(r.completed()).isBetween(200L - 16, 200L);
            assertThat(r.drained()).isTrue();
            assertThat(r.errors()).isZero();
            long ddl = cluster.leader().readLocal(core -> core.cache().catalogDdlCount());
            assertThat(ddl).isEqualTo(200);
        }
    }

    @Test
    void withoutGroupCommitEachProposalIsItsOwnRecord() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1, LocalCluster.tuning(false, 8), Samples.DDL_BYTES)) {
            long before = cluster.leader().appliedIndex();
            List<CompletableFuture<ProposalResult>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(cluster.propose(i));
            }
            Set<Long> indexes = new TreeSet<>();
            for (CompletableFuture<ProposalResult> f : sent) {
                indexes.add(f.get(30, TimeUnit.SECONDS).index());
            }
            assertThat(indexes).hasSize(20);
            assertThat(cluster.leader().appliedIndex() - before).isGreaterThanOrEqualTo(20);
        }
    }
}
