package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.AuditVerification;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot section carries the chain position; a node that catches up by snapshot continues the same chain
 * (same digest, same further records) from a segment anchored at the snapshot, and says so when verified.
 */
class AuditSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void aNodeThatJoinsBySnapshotContinuesTheChain() throws Exception {
        Path sourceDir = Files.createDirectories(dir.resolve("source"));
        Path joinerDir = Files.createDirectories(dir.resolve("joiner"));
        try (AuditApplier source = AuditFixtures.open(sourceDir); AuditApplier joiner = AuditFixtures.open(joinerDir)) {
            ApplierDriver sourceDriver = new ApplierDriver(source);
            AuditFixtures.applyLog(sourceDriver, 1, 25);
            ApplierDriver.restore(joiner, ApplierDriver.snapshot(source), 25);
            assertThat(joiner.digest()).isEqualTo(source.digest());
            assertThat(joiner.recordCount()).isEqualTo(source.recordCount());
            assertThat(joiner.appliedIndex()).isEqualTo(25);

            ApplierDriver joinerDriver = new ApplierDriver(joiner);
            AuditFixtures.applyLog(sourceDriver, 26, 40);
            AuditFixtures.applyLog(joinerDriver, 26, 40);
            assertThat(joiner.digest()).isEqualTo(source.digest());
            assertThat(joiner.chainHead()).isEqualTo(source.chainHead());
        }
        List<AuditRecord> sourceRecords = AuditLog.tail(sourceDir, Integer.MAX_VALUE);
        List<AuditRecord> joinerRecords = AuditLog.tail(joinerDir, Integer.MAX_VALUE);
        assertThat(joinerRecords).isNotEmpty();
        assertThat(sourceRecords).endsWith(joinerRecords.toArray(AuditRecord[]::new));
        assertThat(joinerRecords.get(0).index()).isGreaterThan(25);

        AuditVerification v = AuditLog.verify(joinerDir);
        assertThat(v.ok()).as("%s", v.problem()).isTrue();
        assertThat(v.notes()).singleElement().asString().contains("snapshot anchor");
        AuditVerification before = AuditLog.verify(joinerDir, 1, sourceRecords.get(0).chainHash());
        assertThat(before.ok()).isTrue();
        assertThat(before.notes()).anyMatch(n -> n.contains("record 1 is not held here"));
        try (AuditApplier restarted = AuditFixtures.open(joinerDir)) {
            assertThat(restarted.appliedIndex()).as("index 40 audits nothing: 39 is the last frame").isEqualTo(39);
            assertThat(restarted.chainHead()).isEqualTo(sourceRecords.get(sourceRecords.size() - 1).chainHash());
        }
    }

    @Test
    void anEmptyAnchoredSegmentRestartsAtTheSnapshotIndex() throws Exception {
        Path joinerDir = Files.createDirectories(dir.resolve("joiner"));
        byte[] section = AuditFixtures.sectionAt(dir.resolve("source"), 14);
        try (AuditApplier joiner = AuditFixtures.open(joinerDir)) {
            ApplierDriver.restore(joiner, section, 14);
        }
        try (AuditApplier restarted = AuditFixtures.open(joinerDir)) {
            assertThat(restarted.appliedIndex()).isEqualTo(14);
            assertThat(ApplierDriver.snapshot(restarted)).isEqualTo(section);
        }
    }

    @Test
    void aMalformedSectionIsRefused() throws Exception {
        try (AuditApplier a = AuditFixtures.open(Files.createDirectories(dir.resolve("a")));
             AuditApplier b = AuditFixtures.open(Files.createDirectories(dir.resolve("b")))) {
            AuditFixtures.applyLog(new ApplierDriver(a), 1, 6);
            byte[] section = ApplierDriver.snapshot(a);
            assertThatThrownBy(() -> ApplierDriver.restore(b, Arrays.copyOf(section, 20), 6))
                    .isInstanceOf(IOException.class).hasMessageContaining("audit snapshot section is truncated");
            byte[] magic = section.clone();
            magic[0] = 0;
            assertThatThrownBy(() -> ApplierDriver.restore(b, magic, 6))
                    .isInstanceOf(IOException.class).hasMessageContaining("not the magic");
            assertThat(b.recordCount()).isZero();
            assertThat(b.appliedIndex()).isZero();
        }
    }
}
