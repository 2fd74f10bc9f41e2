package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.addLearner;
import static io.metagroup.plugin.migration.internal.Fixtures.catchUp;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.open;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.codec.EntryCodec;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint whose crc32c is not the CRC32C of its payload's encoding is refused before the log by
 * {@code validate}, and Rejected (never a crash) if it reaches apply anyway, leaving the table and its file as
 * they were.
 */
class CrcRefusalTest {
    @TempDir
    Path dir;

    private static MigrationCheckpoint withCrc(MigrationCheckpoint c, long crc) {
        return new MigrationCheckpoint(c.migrationId(), c.phase(), c.attempt(), c.payload(), crc, c.tsMs());
    }

    @Test
    void aFlippedPayloadByteChangesTheCrc() throws Exception {
        MigrationCheckpointPayload payload = new MigrationCheckpointPayload.CatchUp(9, 42);
        EntryCodec codec = new EntryCodec();
        byte[] bytes = codec.encodePayload(payload);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        assertThat(codec.payloadCrc32c(payload)).isEqualTo(crc.getValue());
        bytes[0] ^= (byte) 0xFF;
        CRC32C corrupted = new CRC32C();
        corrupted.update(bytes);
        assertThat(corrupted.getValue()).isNotEqualTo(crc.getValue());
    }

    @Test
    void validateRefusesABadCrcBeforeTheLog() throws Exception {
        MigrationCheckpoint good = checkpoint(id(1), catchUp(1), 0, 1);
        MigrationCheckpoint bad = withCrc(good, good.crc32c() ^ 1);
        try (MigrationApplier applier = open(dir)) {
            assertThat(applier.validate(good)).isEmpty();
            assertThat(applier.validate(bad)).hasValueSatisfying(reason -> assertThat(reason)
                    .contains(id(1), "CATCH_UP", String.format("0x%08x", bad.crc32c()),
                            String.format("0x%08x", good.crc32c())));
            assertThat(applier.validate(new MetadataEntry.SurrogateAlloc(5))).isEmpty();
        }
    }

    @Test
    void applyRejectsABadCrcAndChangesNothing() throws Exception {
        MigrationCheckpoint kept = checkpoint(id(2), addLearner(2), 0, 1);
        MigrationCheckpoint bad = withCrc(checkpoint(id(2), catchUp(2), 0, 2), 0);
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(kept);
            Sha256 before = applier.digest();
            Outcome outcome = driver.apply(bad);
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo(applier.validate(bad).orElseThrow());
            assertThat(applier.digest()).isEqualTo(before);
            assertThat(applier.appliedIndex()).as("a rejected record still counts as applied").isEqualTo(2);
        }
        try (MigrationApplier reopened = open(dir)) {
            assertThat(table(reopened).get(id(2)).orElseThrow().checkpoint()).isEqualTo(kept);
        }
    }

    @Test
    void aBadCrcRejectsItsWholeBatch() throws Exception {
        MigrationCheckpoint good = checkpoint(id(3), addLearner(3), 0, 1);
        MigrationCheckpoint bad = withCrc(checkpoint(id(4), addLearner(4), 0, 1), 7);
        try (MigrationApplier applier = open(dir)) {
            Outcome outcome = new ApplierDriver(applier).apply(MetadataEntry.Batch.of(good, bad));
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            assertThat(table(applier).rows()).isEmpty();
        }
        try (MigrationApplier reopened = open(dir)) {
            assertThat(table(reopened).rows()).isEmpty();
            assertThat(reopened.appliedIndex()).isEqualTo(1);
        }
    }
}
