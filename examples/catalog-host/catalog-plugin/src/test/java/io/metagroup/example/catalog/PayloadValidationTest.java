package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.reason;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A payload that does not decode is refused before the log, where the check needs no state; should one reach the
 * log anyway (a proposer that skipped the door), apply Rejects it with the same reason on every node.
 */
class PayloadValidationTest {
    private static final Bytes NOT_OURS = Bytes.of("DROP TABLE orders".getBytes(StandardCharsets.UTF_8));
    private static final String WHY = "payload starts with 0x44, not the catalog magic 0xCA";

    private final CatalogFixture t = CatalogFixture.create();

    @Test
    void theDoorRefusesAPayloadThatDoesNotDecode() {
        assertThat(t.applier.validate(new MetadataEntry.CatalogDdl(NOT_OURS))).contains(WHY);
        assertThat(t.applier.validate(new MetadataEntry.CatalogDdlAudited(NOT_OURS, "u", "n", "sql"))).contains(WHY);
    }

    @Test
    void theDoorLetsAGoodPayloadInWithoutLookingAtState() {
        assertThat(t.applier.validate(user("alice").entry())).isEmpty();
        t.given(user("alice"));
        assertThat(t.applier.validate(user("alice").entry())).as("a duplicate is a rule of apply, not of the door")
                .isEmpty();
    }

    @Test
    void applyRejectsAPayloadThatDoesNotDecode() {
        assertThat(reason(t.driver.apply(new MetadataEntry.CatalogDdl(NOT_OURS)))).isEqualTo(WHY);
        assertThat(t.catalog()).isEqualTo(Catalog.empty());
        assertThat(t.applier.appliedIndex()).isEqualTo(1);
    }
}
