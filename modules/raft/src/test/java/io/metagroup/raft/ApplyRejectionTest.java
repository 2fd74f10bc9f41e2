package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.core.MetadataCache;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposals that reach the log and are refused by a rule of apply (a lease during a drain, a version bump from the
 * wrong version, an applier's own rule) complete normally with Rejected and the reason, identically on every node;
 * the state is unchanged and every node keeps running.
 */
class ApplyRejectionTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void rejectedProposalsCompleteWithTheReasonAndLeaveStateUnchanged(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            MetadataGroup proposer = cluster.node(2);
            DescriptorId table = new DescriptorId(1, DescriptorKind.COLLECTION, "orders");
            Hlc farFuture = new Hlc(Long.MAX_VALUE / 2, 0);
            ProposalResult drain = proposer.propose(new MetadataEntry.DescriptorDrainStart(table, 5, farFuture))
                    .get(20, TimeUnit.SECONDS);
            assertThat(drain.applied()).isTrue();

            ProposalResult lease = proposer.propose(new MetadataEntry.DescriptorLeaseGrant(
                    new DescriptorLease(table, 4, 2, farFuture))).get(20, TimeUnit.SECONDS);
            // the current version is 1: a bump whose 'from' is not the current version is Rejected
            ProposalResult bump = proposer.propose(new MetadataEntry.ClusterVersionBump(
                    MetadataCache.INITIAL_CLUSTER_VERSION - 1, MetadataCache.INITIAL_CLUSTER_VERSION))
                    .get(20, TimeUnit.SECONDS);
            ProposalResult own = proposer.propose(Recorder.ddl("reject:by-rule")).get(20, TimeUnit.SECONDS);
            ProposalResult atomic = proposer.propose(new MetadataEntry.Batch(List.of(Recorder.ddl("in-batch"),
                    Recorder.ddl("reject:in-batch")))).get(20, TimeUnit.SECONDS);
            for (ProposalResult r : List.of(lease, bump, own, atomic)) {
                assertThat(r.outcome()).as("outcome of %s", r.key()).isInstanceOfSatisfying(Outcome.Rejected.class,
                        rej -> assertThat(rej.reason()).isNotBlank());
            }
            ProposalResult ok = proposer.propose(Recorder.ddl("accepted")).get(20, TimeUnit.SECONDS);
            cluster.awaitAllApplied(ok.index(), Duration.ofSeconds(20));

            for (long id = 1; id <= 3; id++) {
                MetadataCache cache = cluster.node(id).core().cache();
                assertThat(cache.leases(table)).as("no lease granted during the drain on node %d", id).isEmpty();
                assertThat(cache.clusterVersion()).isEqualTo(MetadataCache.INITIAL_CLUSTER_VERSION);
                assertThat(cluster.recorder(id).applied()).as("nothing of a rejected batch on node %d", id)
                        .containsExactly("accepted");
                assertThat(cluster.node(id).status().healthy()).isTrue();
                assertThat(cluster.node(id).digest()).isEqualTo(cluster.node(1).digest());
            }
        }
    }
}
