package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.CheckpointStream.assertMatchesModel;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.LocalFaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applied index is committed in the same MapDB transaction as the rows, once per {@code commitEvery} records.
 * A process that crashes between two commits restarts at the last committed index with exactly that index's rows,
 * and replaying the log above it ends in the state of a node that never crashed.
 */
class CrashReplayFromDurableIndexTest {
    @TempDir
    Path dir;

    @Test
    void durableIndexTrailsTheAppliedIndexByLessThanABatch() throws Exception {
        try (MigrationApplier applier = Fixtures.open(dir, 5)) {
            ApplierDriver driver = new ApplierDriver(applier);
            CheckpointStream.apply(driver, 1, 12);
            assertThat(applier.appliedIndex()).isEqualTo(12);
            assertThat(applier.durableIndex()).isEqualTo(10);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCrashBetweenCommitsReplaysFromTheDurableIndex() throws Exception {
        Path crashed = Fixtures.dir(dir, "crashed");
        try (ChildJvm child = ChildJvm.start(crashed, 5, "halt", 23)) {
            assertThat(child.await("OPEN ")).isEqualTo("0");
            assertThat(child.waitForExit()).as("the child halts after applying record 23").isZero();
        }
        try (MigrationApplier restarted = Fixtures.open(crashed, 5);
             MigrationApplier neverCrashed = Fixtures.open(Fixtures.dir(dir, "reference"), 5)) {
            assertThat(restarted.appliedIndex()).isEqualTo(20);
            assertThat(restarted.durableIndex()).isEqualTo(20);
            assertMatchesModel(table(restarted), "after the crash");

            ApplierDriver replay = new ApplierDriver(restarted);
            ApplierDriver reference = new ApplierDriver(neverCrashed);
            CheckpointStream.apply(replay, 21, 23);
            CheckpointStream.apply(reference, 1, 23);
            assertMatchesModel(table(restarted), "after the replay");
            assertThat(restarted.digest()).isEqualTo(neverCrashed.digest());
        }
    }

    @Test
    void filesACrashLeftBehindAreCleanedUpOnlyOnceTheCurrentFileIsRead() throws Exception {
        try (MigrationApplier applier = Fixtures.open(dir, 1)) {
            ApplierDriver driver = new ApplierDriver(applier);
            CheckpointStream.apply(driver, 1, 3);
        }
        Path current = Fixtures.storeFile(dir);
        // a crash between the rename of a new generation and the delete of the old one, and one inside a write
        Path older = dir.resolve(String.format("migration-%020d.db", 1));
        Files.copy(current, older);
        Path temp = dir.resolve(current.getFileName() + ".tmp");
        Files.write(temp, new byte[] {1, 2, 3});

        Files.write(current, "damaged".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(LocalFaultException.class);
        assertThat(older).as("a refused store keeps every file for the operator").exists();

        Files.copy(older, current, StandardCopyOption.REPLACE_EXISTING);
        try (MigrationApplier reopened = Fixtures.open(dir)) {
            assertThat(reopened.appliedIndex()).isEqualTo(3);
            CheckpointStream.assertMatchesModel(reopened, "after the clean-up");
        }
        assertThat(older).doesNotExist();
        assertThat(temp).doesNotExist();
        assertThat(Fixtures.storeFile(dir)).isEqualTo(current);
    }
}
