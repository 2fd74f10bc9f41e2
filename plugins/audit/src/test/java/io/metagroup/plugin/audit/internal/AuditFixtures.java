package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.CatalogDdlAudited;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Shared builders for the audit plugin's tests, and a deterministic log of DDL entries. */
final class AuditFixtures {
    private AuditFixtures() {}

    /** Opens the plugin's applier on {@code dir} through the plugin, as a node would. */
    static AuditApplier open(Path dir) throws Exception {
        return (AuditApplier) new AuditPlugin().create(TestPluginContext.in(dir));
    }

    /** Opens the plugin's applier on {@code dir}, starting a new segment past {@code segmentBytes}. */
    static AuditApplier open(Path dir, long segmentBytes) throws Exception {
        return (AuditApplier) new AuditPlugin().create(TestPluginContext.in(dir)
                .withSetting("segmentBytes", Long.toString(segmentBytes)));
    }

    static CatalogDdlAudited audited(String user, String sql) {
        return new CatalogDdlAudited(Bytes.of(("payload of " + sql).getBytes(StandardCharsets.UTF_8)), "id-" + user,
                user, sql);
    }

    /**
     * The one proposal of the record at index {@code i} (from 1): audited DDL, plain DDL, batches holding two
     * audited statements, and entries the audit plugin ignores.
     */
    static MetadataEntry entry(long i) {
        if (i % 7 == 0) {
            return new MetadataEntry.SurrogateAlloc(i);
        }
        if (i % 5 == 0) {
            return new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {(byte) i}));
        }
        if (i % 4 == 0) {
            return MetadataEntry.Batch.of(audited("ann", "CREATE TABLE t" + i + " (id int)"),
                    new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {1})),
                    audited("bob", "CREATE INDEX i" + i + " ON t" + i + " (id)"));
        }
        return audited(i % 2 == 0 ? "ann" : "bob", "ALTER TABLE t" + i + " ADD COLUMN c" + i + " text");
    }

    /** The snapshot section of a node in {@code dir} (created) that applied records 1..{@code index} of the log. */
    static byte[] sectionAt(Path dir, long index) throws Exception {
        try (AuditApplier source = open(java.nio.file.Files.createDirectories(dir))) {
            applyLog(new ApplierDriver(source), 1, index);
            return ApplierDriver.snapshot(source);
        }
    }

    /** Applies records {@code from}..{@code to} of {@link #entry} through {@code driver}, at their own indexes. */
    static void applyLog(ApplierDriver driver, long from, long to) {
        for (long i = from; i <= to; i++) {
            if (driver.applier().appliedIndex() != i - 1) {
                throw new AssertionError("the applier is at index " + driver.applier().appliedIndex()
                        + ", not ready for record " + i);
            }
            driver.record(entry(i));
        }
    }
}
