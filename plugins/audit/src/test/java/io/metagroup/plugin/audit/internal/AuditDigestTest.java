package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest covers the chain head: nodes that applied the same log agree; a record that differs in any field
 * (here only its statement) gives another digest, though the record count is the same; entries the plugin does
 * not record leave the digest as it is.
 */
class AuditDigestTest {
    @TempDir
    Path dir;

    @Test
    void theDigestFollowsTheChainHead() throws Exception {
        try (AuditApplier a = AuditFixtures.open(Files.createDirectories(dir.resolve("a")));
             AuditApplier b = AuditFixtures.open(Files.createDirectories(dir.resolve("b")));
             AuditApplier c = AuditFixtures.open(Files.createDirectories(dir.resolve("c")))) {
            Sha256 genesis = a.digest();
            ApplierDriver da = new ApplierDriver(a);
            ApplierDriver db = new ApplierDriver(b);
            ApplierDriver dc = new ApplierDriver(c);
            AuditFixtures.applyLog(da, 1, 9);
            AuditFixtures.applyLog(db, 1, 9);
            AuditFixtures.applyLog(dc, 1, 8);
            dc.record(AuditFixtures.audited("bob", "ALTER TABLE t9 ADD COLUMN c9 json")); // index 9, one word changed

            assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(genesis);
            assertThat(c.recordCount()).isEqualTo(a.recordCount());
            assertThat(c.lastAuditedIndex()).isEqualTo(a.lastAuditedIndex());
            assertThat(c.chainHead()).isNotEqualTo(a.chainHead());
            assertThat(c.digest()).isNotEqualTo(a.digest());

            Sha256 before = a.digest();
            da.record(new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {9})));
            assertThat(a.digest()).isEqualTo(before);
            da.record(AuditFixtures.audited("ann", "DROP TABLE t1"));
            assertThat(a.digest()).isNotEqualTo(before);
        }
    }
}
