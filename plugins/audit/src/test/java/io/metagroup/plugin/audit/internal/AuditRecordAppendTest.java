package io.metagroup.plugin.audit.internal;

import static io.metagroup.plugin.audit.internal.AuditFixtures.audited;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CatalogDdlAudited of a committed proposal becomes one record (index, leader HLC, user id and name,
 * statement, payload hash) on disk by the time its record is applied, chained to the one before; other entries and
 * aborted proposals leave nothing.
 */
class AuditRecordAppendTest {
    @TempDir
    Path dir;

    @Test
    void eachAuditedEntryIsRecordedWithItsContext() throws Exception {
        MetadataEntry.CatalogDdlAudited create = audited("ann", "CREATE TABLE orders (id bigint)");
        try (AuditApplier applier = AuditFixtures.open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            assertThat(driver.record(new Hlc(7_000, 3), create)).containsExactly(Outcome.applied());
            driver.apply(new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {1, 2})));
            driver.record(new Hlc(9_000, 0), MetadataEntry.Batch.of(audited("bob", "DROP TABLE a"),
                    audited("cat", "DROP TABLE b")), audited("dan", "DROP TABLE c"));

            // on disk as soon as the records are applied: read while the node still has the log open
            List<AuditRecord> records = AuditLog.tail(dir, 10);
            assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L);
            AuditRecord first = records.get(0);
            assertThat(first.index()).isEqualTo(1);
            assertThat(first.ordinal()).isZero();
            assertThat(first.hlc()).isEqualTo(new Hlc(7_000, 3));
            assertThat(first.userId()).isEqualTo("id-ann");
            assertThat(first.userName()).isEqualTo("ann");
            assertThat(first.statement()).isEqualTo("CREATE TABLE orders (id bigint)");
            assertThat(first.versions()).isEmpty();
            assertThat(first.payloadHash()).isEqualTo(Sha256.of(
                    MessageDigest.getInstance("SHA-256").digest(create.payload().toByteArray())));
            assertThat(records.subList(1, 4)).extracting(AuditRecord::index).containsOnly(3L);
            assertThat(records.subList(1, 4)).extracting(AuditRecord::ordinal).containsExactly(0, 1, 2);
            assertThat(records.subList(1, 4)).extracting(AuditRecord::userName).containsExactly("bob", "cat", "dan");

            assertThat(applier.recordCount()).isEqualTo(4);
            assertThat(applier.chainHead()).isEqualTo(records.get(3).chainHash());
            assertThat(applier.lastAuditedIndex()).isEqualTo(3);
            assertThat(AuditLog.verify(dir).ok()).isTrue();
            assertThat(AuditLog.verify(dir, 4, applier.chainHead()).ok()).isTrue();
        }
    }

    @Test
    void anAbortedProposalLeavesNoRecord() throws Exception {
        try (AuditApplier applier = AuditFixtures.open(dir)) {
            Transaction tx = applier.begin(new ApplyContext(1, Hlc.ZERO));
            assertThat(tx.apply(audited("eve", "DROP DATABASE prod"))).isEqualTo(Outcome.applied());
            tx.prepare();
            tx.abort();
            Transaction kept = applier.begin(new ApplyContext(1, Hlc.ZERO));
            kept.apply(audited("ann", "CREATE TABLE x (id int)"));
            kept.prepare();
            kept.commit();
            applier.finishRecord(1);
            assertThat(AuditLog.tail(dir, 5)).extracting(AuditRecord::userName).containsExactly("ann");
            assertThat(applier.recordCount()).isEqualTo(1);
        }
    }

    @Test
    void theGenesisStateHasNoRecords() throws Exception {
        try (AuditApplier applier = AuditFixtures.open(dir)) {
            assertThat(applier.recordCount()).isZero();
            assertThat(applier.chainHead()).isEqualTo(SegmentFormat.GENESIS);
            assertThat(AuditLog.tail(dir, 3)).isEmpty();
            assertThat(AuditLog.verify(dir).ok()).isTrue();
        }
    }
}
