package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.abort;
import static io.metagroup.plugin.migration.internal.Fixtures.addLearner;
import static io.metagroup.plugin.migration.internal.Fixtures.catchUp;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.open;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proposal whose transaction was prepared and then aborted, because another applier refused or failed, leaves no
 * trace: not in the table, not in the digest, and not in the store once later work of the same record is committed.
 */
class PrepareThenAbortLeavesStoreUntouchedTest {
    @TempDir
    Path dir;

    @Test
    void abortAfterPrepareUndoesEveryWrite() throws Exception {
        MigrationCheckpoint kept = checkpoint(id(1), addLearner(1), 0, 1);
        MigrationCheckpoint later = checkpoint(id(3), addLearner(3), 0, 3);
        List<MigrationRow> before;
        try (MigrationApplier applier = open(dir, 1_000)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(kept);
            before = table(applier).rows();
            Sha256 digest = applier.digest();

            // record 2: an upsert of a new row, a phase change and a deletion, prepared, then aborted
            Transaction tx = applier.begin(new ApplyContext(2, new Hlc(2_000, 0)));
            for (MetadataEntry e : ApplierDriver.flatten(MetadataEntry.Batch.of(
                    checkpoint(id(2), addLearner(2), 0, 2), checkpoint(id(1), catchUp(1), 0, 2), abort(id(1))))) {
                assertThat(tx.apply(e)).isEqualTo(Outcome.applied());
            }
            tx.prepare();
            tx.abort();
            // a second proposal of the same record commits
            Transaction next = applier.begin(new ApplyContext(2, new Hlc(2_000, 0)));
            next.apply(later);
            next.prepare();
            next.commit();
            applier.finishRecord(2);

            assertThat(table(applier).get(id(2))).isEmpty();
            assertThat(table(applier).get(id(1))).contains(before.get(0));
            assertThat(table(applier).get(id(3))).isPresent();
            assertThat(applier.digest()).isNotEqualTo(digest);
            applier.writeSnapshot(java.io.OutputStream.nullOutputStream()); // commits the store
            assertThat(applier.durableIndex()).isEqualTo(2);
        }
        try (MigrationApplier reopened = open(dir)) {
            assertThat(table(reopened).rows()).extracting(MigrationRow::checkpoint).containsExactly(kept, later);
            assertThat(table(reopened).rows().get(0)).isEqualTo(before.get(0));
        }
    }

    @Test
    void aRejectedBatchNeverReachesTheStore() throws Exception {
        MigrationCheckpoint good = checkpoint(id(4), addLearner(4), 0, 1);
        MigrationCheckpoint bad = checkpoint(id(5), addLearner(5), 0, 1);
        bad = new MigrationCheckpoint(bad.migrationId(), bad.phase(), bad.attempt(), bad.payload(), bad.crc32c() ^ 1,
                bad.tsMs());
        try (MigrationApplier applier = open(dir, 1)) {
            ApplierDriver driver = new ApplierDriver(applier);
            assertThat(driver.apply(MetadataEntry.Batch.of(good, abort(id(9)), bad)))
                    .isInstanceOf(Outcome.Rejected.class);
            assertThat(applier.durableIndex()).as("committed at once: commitEvery is 1").isEqualTo(1);
        }
        try (MigrationApplier reopened = open(dir)) {
            assertThat(table(reopened).rows()).isEmpty();
        }
    }
}
