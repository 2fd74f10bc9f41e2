package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry.CatalogDdlAudited;
import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.DescriptorVersionChange;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a host's {@link io.metagroup.plugin.audit.DescriptorVersionReader} installed, each record holds the
 * descriptor versions before and after that the reader finds in the payload; a payload it does not understand,
 * or one it fails on, gives a record without versions. The versions are part of the chain.
 */
class DescriptorVersionsTest {
    @TempDir
    Path dir;

    private static CatalogDdlAudited ddl(String payload, String sql) {
        return new CatalogDdlAudited(Bytes.of(payload.getBytes(StandardCharsets.UTF_8)), "u1", "ann", sql);
    }

    @Test
    void versionsFromTheHostReaderAreRecorded() throws Exception {
        try (AuditApplier applier = AuditFixtures.open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            driver.apply(ddl("versions:orders=3>4;orders_idx=1>2", "ALTER TABLE orders ADD c int"));
            driver.apply(ddl("opaque host bytes", "CREATE ROLE r"));
            driver.apply(ddl("versions:boom", "DROP ROLE r"));
        }
        List<AuditRecord> records = AuditLog.tail(dir, 3);
        assertThat(records.get(0).versions()).containsExactly(new DescriptorVersionChange("orders", 3, 4),
                new DescriptorVersionChange("orders_idx", 1, 2));
        assertThat(records.get(1).versions()).isEmpty();
        assertThat(records.get(2).versions()).as("a reader that throws reports none").isEmpty();
        assertThat(AuditLog.verify(dir).ok()).isTrue();
    }

    @Test
    void theVersionsArePartOfTheChain() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        java.nio.file.Files.createDirectories(a);
        java.nio.file.Files.createDirectories(b);
        try (AuditApplier withVersions = AuditFixtures.open(a); AuditApplier other = AuditFixtures.open(b)) {
            new ApplierDriver(withVersions).apply(ddl("versions:t=1>2", "ALTER TABLE t ADD c int"));
            new ApplierDriver(other).apply(ddl("versions:t=1>3", "ALTER TABLE t ADD c int"));
            assertThat(withVersions.chainHead()).isNotEqualTo(other.chainHead());
        }
    }
}
