package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.abort;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.complete;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.open;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Compensation;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MigrationAbort deletes the migration's row, durably; an abort of an unknown migration changes nothing. */
class AbortDeletesRowTest {
    @TempDir
    Path dir;

    @Test
    void abortRemovesTheRowFromTheFile() throws Exception {
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(checkpoint(id(7), complete(7), 1, 1_000));
            driver.apply(checkpoint(id(8), complete(8), 1, 1_000));
            MigrationAbort abort = new MigrationAbort(id(7), "operator", List.of(new Compensation.RemoveGhostStub(7)));
            assertThat(driver.apply(abort)).isEqualTo(Outcome.applied());
            assertThat(table(applier).get(id(7))).isEmpty();
        }
        try (MigrationApplier reopened = open(dir)) {
            assertThat(table(reopened).get(id(7))).isEmpty();
            assertThat(table(reopened).rows()).extracting(r -> r.migrationId()).containsExactly(id(8));
        }
    }

    @Test
    void abortOfAMigrationWithoutARowIsAppliedWithoutEffect() throws Exception {
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(checkpoint(id(9), complete(9), 0, 1_000));
            Sha256 before = applier.digest();
            assertThat(driver.apply(abort(id(10)))).isEqualTo(Outcome.applied());
            assertThat(applier.digest()).isEqualTo(before);
            assertThat(applier.appliedIndex()).isEqualTo(2);
        }
    }

    @Test
    void aCheckpointAfterTheAbortInTheSameBatchCreatesAFreshRow() throws Exception {
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(checkpoint(id(11), Fixtures.addLearner(11), 0, 1_000));
            var restart = checkpoint(id(11), Fixtures.catchUp(11), 1, 2_000);
            driver.apply(io.metagroup.model.MetadataEntry.Batch.of(abort(id(11)), restart));
            var row = table(applier).get(id(11)).orElseThrow();
            assertThat(row.checkpoint()).isEqualTo(restart);
            assertThat(row.origin()).as("the aborted run's origin is gone with its row").isEmpty();
        }
    }
}
