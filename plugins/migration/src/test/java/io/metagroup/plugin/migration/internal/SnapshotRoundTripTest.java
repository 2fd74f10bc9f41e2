package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.addLearner;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot section restored on another node rebuilds its store as a new MapDB file (renamed over the old one)
 * holding exactly the snapshot's rows at the snapshot's index: equal digest, equal rows after a restart, and the
 * same state as the source after both apply the same further log. A malformed section is refused by name and
 * leaves the target as it was.
 */
class SnapshotRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void restoreIntoANewFileGivesTheSameDigest() throws Exception {
        Path target = Fixtures.dir(dir, "target");
        try (MigrationApplier source = Fixtures.open(Fixtures.dir(dir, "source"), 1_000);
             MigrationApplier other = Fixtures.open(target, 1_000)) {
            ApplierDriver sourceDriver = new ApplierDriver(source);
            CheckpointStream.apply(sourceDriver, 1, 40);
            assertThat(table(source).rows()).isNotEmpty();
            new ApplierDriver(other).apply(checkpoint(id(99), addLearner(99), 0, 1)); // replaced by the restore

            byte[] section = ApplierDriver.snapshot(source);
            assertThat(source.durableIndex()).as("writing a snapshot commits the store").isEqualTo(40);
            Path oldFile = Fixtures.storeFile(target);
            ApplierDriver.restore(other, section, 40);
            assertThat(Fixtures.storeFile(target)).as("a new file").isNotEqualTo(oldFile);
            assertThat(oldFile).as("the old file is gone").doesNotExist();

            assertThat(other.digest()).isEqualTo(source.digest());
            assertThat(table(other).rows()).isEqualTo(table(source).rows());
            assertThat(other.appliedIndex()).isEqualTo(40);
            assertThat(other.durableIndex()).isEqualTo(40);
            assertThat(ApplierDriver.snapshot(other)).isEqualTo(section);
            try (var files = Files.list(target)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("one store file and the lock")
                        .containsExactlyInAnyOrder(Fixtures.storeFile(target).getFileName().toString(),
                                MigrationStore.LOCK_NAME);
            }

            ApplierDriver otherDriver = new ApplierDriver(other);
            CheckpointStream.apply(sourceDriver, 41, 60);
            CheckpointStream.apply(otherDriver, 41, 60);
            assertThat(other.digest()).isEqualTo(source.digest());
        }
        try (MigrationApplier reopened = Fixtures.open(target)) {
            assertThat(reopened.appliedIndex()).isEqualTo(60);
            CheckpointStream.assertMatchesModel(table(reopened), "restored, applied, reopened");
        }
    }

    @Test
    void anEmptyTableRoundTrips() throws Exception {
        try (MigrationApplier source = Fixtures.open(Fixtures.dir(dir, "a"));
             MigrationApplier target = Fixtures.open(Fixtures.dir(dir, "b"))) {
            new ApplierDriver(target).apply(checkpoint(id(1), addLearner(1), 0, 1));
            ApplierDriver.restore(target, ApplierDriver.snapshot(source), 7);
            assertThat(table(target).rows()).isEmpty();
            assertThat(target.digest()).isEqualTo(source.digest());
            assertThat(target.appliedIndex()).isEqualTo(7);
        }
    }

    @Test
    void aMalformedSectionIsRefusedAndChangesNothing() throws Exception {
        try (MigrationApplier source = Fixtures.open(Fixtures.dir(dir, "a"));
             MigrationApplier target = Fixtures.open(Fixtures.dir(dir, "b"))) {
            ApplierDriver driver = new ApplierDriver(source);
            CheckpointStream.apply(driver, 1, 10);
            new ApplierDriver(target).apply(checkpoint(id(1), addLearner(1), 0, 1));
            Sha256 before = target.digest();
            byte[] section = ApplierDriver.snapshot(source);

            assertThatThrownBy(() -> ApplierDriver.restore(target, Arrays.copyOf(section, section.length - 3), 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("migration snapshot section is truncated");
            byte[] flipped = section.clone();
            flipped[section.length - 10] ^= 0x01;
            assertThatThrownBy(() -> ApplierDriver.restore(target, flipped, 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("CRC32C");
            byte[] magic = section.clone();
            magic[0] = 'X';
            assertThatThrownBy(() -> ApplierDriver.restore(target, magic, 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("not the magic");

            assertThat(target.digest()).isEqualTo(before);
            assertThat(target.appliedIndex()).isEqualTo(1);
        }
    }
}
