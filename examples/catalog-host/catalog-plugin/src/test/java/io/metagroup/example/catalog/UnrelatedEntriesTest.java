package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.TopologyChange;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

/** Entries other than catalog DDL are Applied without touching the catalog, and pass the door unchecked. */
class UnrelatedEntriesTest {

    @Test
    void theyChangeNothingButTheAppliedIndex() {
        CatalogFixture t = CatalogFixture.create().given(user("alice"));
        Catalog before = t.catalog();
        var digest = t.applier.digest();

        assertThat(t.driver.record(new TopologyChange.Join(2, "127.0.0.1:9000"), new MetadataEntry.SurrogateAlloc(10),
                new MetadataEntry.ClusterVersionBump(1, 2))).containsOnly(Outcome.applied());

        assertThat(t.catalog()).isSameAs(before);
        assertThat(t.applier.digest()).isEqualTo(digest);
        assertThat(t.applier.appliedIndex()).isEqualTo(2);
    }

    @Test
    void theDoorLetsThemIn() {
        CatalogFixture t = CatalogFixture.create();

        assertThat(t.applier.validate(new MetadataEntry.SurrogateAlloc(10))).isEmpty();
        assertThat(t.applier.validate(new TopologyChange.Leave(3))).isEmpty();
    }
}
