package io.metagroup.plugin.routing;

import static io.metagroup.plugin.routing.RoutingFixture.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.model.RoutingChange.LeadershipTransfer;
import io.metagroup.model.RoutingChange.ReassignVShard;
import io.metagroup.model.RoutingChange.RemoveMember;
import io.metagroup.model.TopologyChange;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingStagingTest {
    private final RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.of(Map.of(0, 0L),
            List.of(group(0, List.of(1L, 2L, 3L, 4L), List.of(), 1, 3))));

    private Transaction begin() {
        return r.applier.begin(new ApplyContext(r.applier.appliedIndex() + 1, Hlc.ZERO));
    }

    @Test
    void aLaterApplySeesTheEarlierOnesAndNothingShowsBeforeCommit() {
        Transaction tx = begin();

        tx.apply(new RemoveMember(0, 4));
        Outcome second = tx.apply(new RemoveMember(0, 3));

        assertThat(second).as("the second removal sees the first and would go below the factor")
                .isInstanceOf(Outcome.Rejected.class);
        assertThat(r.group(0).members()).as("not visible before commit").containsExactly(1L, 2L, 3L, 4L);
        tx.abort();
    }

    @Test
    void committedChangesBecomeVisibleTogether() {
        var view = r.table();
        Transaction tx = begin();

        tx.apply(new ReassignVShard(9, 0, 2));
        tx.apply(new LeadershipTransfer(0, 4));
        assertThat(r.table()).isSameAs(view);
        tx.commit();

        assertThat(r.table().groupOf(9)).hasValue(0);
        assertThat(r.table().leaderOf(9)).hasValue(4);
    }

    @Test
    void abortLeavesTheStateUntouched() {
        var before = r.applier.digest();
        var view = r.table();
        Transaction tx = begin();

        tx.apply(new ReassignVShard(9, 0, 2));
        tx.apply(new RemoveMember(0, 4));
        tx.abort();

        assertThat(r.applier.digest()).isEqualTo(before);
        assertThat(r.table()).isSameAs(view);
    }

    @Test
    void aBatchWithARejectedChangeLeavesNothingBehind() {
        Outcome outcome = r.driver.apply(Batch.of(new ReassignVShard(9, 0, 2), new RemoveMember(0, 4),
                new RemoveMember(0, 3)));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(r.table().groupOf(9)).isEmpty();
        assertThat(r.group(0).members()).containsExactly(1L, 2L, 3L, 4L);
    }

    /** Seed 001, cache_applier_counts_catalog_ddl and noop_applier_advances_watermark, for the routing applier. */
    @Test
    void entriesOfOtherPluginsAreAppliedWithoutEffectAndTheIndexAdvances() {
        var before = r.applier.digest();

        var outcomes = r.driver.record(new CatalogDdl(Bytes.of(new byte[] {1, 2, 3})),
                new TopologyChange.StartDecommission(1), new TopologyChange.Join(4, "not an address"));
        r.driver.record();

        assertThat(outcomes).containsOnly(Outcome.applied());
        assertThat(r.applier.digest()).isEqualTo(before);
        assertThat(r.applier.appliedIndex()).isEqualTo(2);
    }
}
