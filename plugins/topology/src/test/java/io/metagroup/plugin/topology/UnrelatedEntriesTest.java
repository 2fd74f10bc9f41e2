package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.RoutingChange;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

/** Seed 001, cache_applier_counts_catalog_ddl and noop_applier_advances_watermark, for the topology applier. */
class UnrelatedEntriesTest {
    private final TopologyFixture t = TopologyFixture.create();

    @Test
    void entriesOfOtherPluginsAreAppliedWithoutEffectAndTheIndexAdvances() {
        t.driver.apply(join(7, "10.0.0.7:9000"));
        var before = t.applier.digest();

        var outcomes = t.driver.record(new CatalogDdl(Bytes.of(new byte[] {1, 2, 3})), new SurrogateAlloc(9),
                new ClusterVersionBump(1, 2), new RoutingChange.RemoveMember(0, 7));

        assertThat(outcomes).containsOnly(Outcome.applied());
        assertThat(t.applier.digest()).isEqualTo(before);
        assertThat(t.applier.appliedIndex()).isEqualTo(2);
    }

    @Test
    void aRecordWithNoProposalAdvancesTheIndex() {
        t.driver.record();
        t.driver.record();

        assertThat(t.applier.appliedIndex()).isEqualTo(2);
    }

    /** Seed 001, cache_applier_idempotent: a record at or below the applied index is never applied again. */
    @Test
    void finishingARecordAtOrBelowTheAppliedIndexIsRefused() throws Exception {
        t.driver.record();
        t.driver.record();

        assertThatThrownBy(() -> t.applier.finishRecord(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("record 2 is at or below the applied index 2");
        assertThat(t.applier.appliedIndex()).isEqualTo(2);
    }
}
