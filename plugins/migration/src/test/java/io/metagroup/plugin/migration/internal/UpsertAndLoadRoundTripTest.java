package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.addLearner;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.open;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint upserted into the table is loaded back, unchanged, by a new instance on the same file. */
class UpsertAndLoadRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aRowWrittenByOneInstanceIsLoadedByTheNext() throws Exception {
        MigrationCheckpoint cp = checkpoint(id(1), addLearner(5), 0, 1_000);
        try (MigrationApplier applier = open(dir)) {
            assertThat(new ApplierDriver(applier).apply(cp)).isEqualTo(Outcome.applied());
            assertThat(table(applier).get(id(1))).contains(MigrationRow.first(cp));
        }
        try (MigrationApplier reopened = open(dir)) {
            MigrationRow loaded = table(reopened).get(id(1)).orElseThrow();
            assertThat(loaded.checkpoint()).isEqualTo(cp);
            assertThat(loaded.attempt()).isZero();
            assertThat(loaded.origin()).isEqualTo(Optional.of(cp.payload()));
            assertThat(table(reopened).rows()).containsExactly(loaded);
            assertThat(reopened.appliedIndex()).isEqualTo(1);
            assertThat(reopened.durableIndex()).isEqualTo(1);
        }
    }

    @Test
    void aLaterPhaseReplacesTheRowAndKeepsItsOrigin() throws Exception {
        MigrationCheckpoint add = checkpoint(id(2), addLearner(9), 0, 1_000);
        MigrationCheckpoint catchUp = checkpoint(id(2), Fixtures.catchUp(9), 0, 2_000);
        try (MigrationApplier applier = open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(add);
            driver.apply(catchUp);
        }
        try (MigrationApplier reopened = open(dir)) {
            MigrationRow row = table(reopened).get(id(2)).orElseThrow();
            assertThat(row.checkpoint()).isEqualTo(catchUp);
            assertThat(row.origin()).contains((io.metagroup.model.MigrationCheckpointPayload.AddLearner) add.payload());
            assertThat(row.tsMs()).isEqualTo(2_000);
        }
    }
}
