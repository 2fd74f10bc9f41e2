package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.catchUp;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.open;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upsert is idempotent on (migration id, phase, attempt): a second delivery changes nothing. */
class IdempotentUpsertTest {
    @TempDir
    Path dir;

    @Test
    void aRedeliveredCheckpointIsANoOp() throws Exception {
        MigrationCheckpoint first = checkpoint(id(3), catchUp(3), 0, 1_000);
        // same (id, phase, attempt), different payload detail and timestamp: still the same step
        MigrationCheckpoint again = checkpoint(id(3), new MigrationCheckpointPayload.CatchUp(3, 99), 0, 5_000);
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            assertThat(driver.apply(first)).isEqualTo(Outcome.applied());
            Sha256 before = applier.digest();
            assertThat(driver.apply(first)).isEqualTo(Outcome.applied());
            assertThat(driver.apply(again)).isEqualTo(Outcome.applied());
            assertThat(table(applier).rows()).hasSize(1);
            assertThat(table(applier).get(id(3)).orElseThrow().checkpoint()).isEqualTo(first);
            assertThat(applier.digest()).isEqualTo(before);
        }
        try (MigrationApplier reopened = open(dir)) {
            assertThat(table(reopened).rows()).hasSize(1);
            assertThat(table(reopened).get(id(3)).orElseThrow().checkpoint()).isEqualTo(first);
        }
    }

    @Test
    void aNewAttemptOfTheSamePhaseIsUpserted() throws Exception {
        MigrationCheckpoint attempt0 = checkpoint(id(4), catchUp(4), 0, 1_000);
        MigrationCheckpoint attempt1 = checkpoint(id(4), catchUp(4), 1, 2_000);
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(attempt0);
            driver.apply(attempt1);
            assertThat(table(applier).get(id(4)).orElseThrow().checkpoint()).isEqualTo(attempt1);
        }
    }

    @Test
    void twoCopiesInOneBatchLeaveOneRow() throws Exception {
        MigrationCheckpoint cp = checkpoint(id(5), catchUp(5), 2, 1_000);
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            assertThat(driver.apply(io.metagroup.model.MetadataEntry.Batch.of(cp, cp))).isEqualTo(Outcome.applied());
            assertThat(table(applier).rows()).singleElement().satisfies(r -> assertThat(r.checkpoint()).isEqualTo(cp));
        }
    }
}
