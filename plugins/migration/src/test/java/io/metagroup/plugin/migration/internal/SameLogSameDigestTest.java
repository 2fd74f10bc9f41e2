package io.metagroup.plugin.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.testkit.ApplierDriver;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes that apply the same log hold the same table and digest, whatever their local commit cadence, and the
 * digest moves with the state.
 */
class SameLogSameDigestTest {
    @TempDir
    Path dir;

    @Test
    void theCommitCadenceNeverChangesTheState() throws Exception {
        try (MigrationApplier a = Fixtures.open(Fixtures.dir(dir, "a"), 2);
             MigrationApplier b = Fixtures.open(Fixtures.dir(dir, "b"), 1_000)) {
            ApplierDriver da = new ApplierDriver(a);
            ApplierDriver db = new ApplierDriver(b);
            for (long i = 1; i <= 60; i++) {
                var before = a.digest();
                da.record(CheckpointStream.entry(i));
                db.record(CheckpointStream.entry(i));
                assertThat(a.digest()).as("digest at index %d", i).isEqualTo(b.digest());
                if (!a.rows().equals(b.rows())) {
                    throw new AssertionError("rows differ at index " + i);
                }
                if (i == 1) {
                    assertThat(a.digest()).as("the first checkpoint changes the digest").isNotEqualTo(before);
                }
            }
            assertThat(a.durableIndex()).isEqualTo(60);
            assertThat(b.durableIndex()).isZero();
            CheckpointStream.assertMatchesModel(a, "node a");
        }
    }
}
