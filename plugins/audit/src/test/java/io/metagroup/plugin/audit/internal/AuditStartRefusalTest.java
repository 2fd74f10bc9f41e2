package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.LocalFaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node refuses to start on an audit log that is in use by another instance, or damaged anywhere but a torn last
 * frame, with a message naming the place and what to do; it never cuts off or rewrites good records.
 */
class AuditStartRefusalTest {
    @TempDir
    Path dir;

    @Test
    void aLogInUseIsRefused() throws Exception {
        try (AuditApplier first = AuditFixtures.open(dir)) {
            assertThatThrownBy(() -> AuditFixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                    .hasMessageContaining("in use by another node or process")
                    .hasMessageContaining(dir.resolve(AuditApplier.LOCK_NAME).toString());
            assertThat(first.recordCount()).isZero();
        }
        AuditFixtures.open(dir).close();
    }

    @Test
    void damageBeforeTheLastFrameIsRefused() throws Exception {
        try (AuditApplier applier = AuditFixtures.open(dir)) {
            AuditFixtures.applyLog(new ApplierDriver(applier), 1, 12);
        }
        Path segment = dir.resolve(SegmentFormat.name(1));
        byte[] bytes = Files.readAllBytes(segment);
        bytes[SegmentFormat.HEADER_BYTES + 30] ^= 0x10;
        Files.write(segment, bytes);
        assertThatThrownBy(() -> AuditFixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("CRC32C")
                .hasMessageContaining("metagroup audit verify");
        assertThat(Files.readAllBytes(segment)).as("nothing was cut off").isEqualTo(bytes);
    }

    @Test
    void aDamagedHeaderIsRefused() throws Exception {
        AuditFixtures.open(dir).close();
        Path segment = dir.resolve(SegmentFormat.name(1));
        byte[] bytes = Files.readAllBytes(segment);
        bytes[20] ^= 0x01;
        Files.write(segment, bytes);
        assertThatThrownBy(() -> AuditFixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                .hasMessageContaining("header whose CRC32C does not match");
    }
}
