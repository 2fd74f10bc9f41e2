package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.reason;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

/** A CatalogDdlAudited entry changes the catalog exactly as a CatalogDdl with the same payload. */
class AuditedDdlTest {

    private static MetadataEntry.CatalogDdlAudited audited(Bytes payload) {
        return new MetadataEntry.CatalogDdlAudited(payload, "u-1", "admin", "CREATE USER alice");
    }

    @Test
    void anAuditedCommandIsApplied() {
        CatalogFixture t = CatalogFixture.create();

        assertThat(t.driver.apply(audited(user("alice").payload()))).isEqualTo(Outcome.applied());

        assertThat(t.catalog().users()).containsExactly("alice");
    }

    @Test
    void itLeavesTheSameStateAsThePlainEntry() {
        CatalogFixture plain = CatalogFixture.create().given(user("alice"));
        CatalogFixture withAudit = CatalogFixture.create();
        withAudit.driver.apply(audited(user("alice").payload()));

        assertThat(withAudit.applier.digest()).isEqualTo(plain.applier.digest());
    }

    @Test
    void anAuditedCommandIsRejectedByTheSameRules() {
        CatalogFixture t = CatalogFixture.create().given(user("alice"));

        assertThat(reason(t.driver.apply(audited(user("alice").payload()))))
                .isEqualTo("CREATE USER alice refused: user 'alice' already exists");
    }
}
