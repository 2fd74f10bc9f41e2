package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart the log replays above the node's applied index and every record is on disk exactly once, the
 * same as on a node that never stopped: after a clean stop, after a crash that tore the last frame, and after a
 * snapshot restore older than what the node had already written.
 */
class ReplayNeverDuplicatesTest {
    private static final long LAST = 40;

    @TempDir
    Path dir;

    /** The records of a node that applied the whole log without stopping. */
    private List<AuditRecord> reference() throws Exception {
        Path ref = Files.createDirectories(dir.resolve("reference"));
        try (AuditApplier applier = AuditFixtures.open(ref)) {
            AuditFixtures.applyLog(new ApplierDriver(applier), 1, LAST);
        }
        return AuditLog.tail(ref, Integer.MAX_VALUE);
    }

    private static void replayToEnd(AuditApplier applier) {
        AuditFixtures.applyLog(new ApplierDriver(applier), applier.appliedIndex() + 1, LAST);
    }

    @Test
    void aRestartReplaysOnlyAboveTheAppliedIndex() throws Exception {
        Path node = Files.createDirectories(dir.resolve("node"));
        try (AuditApplier applier = AuditFixtures.open(node)) {
            AuditFixtures.applyLog(new ApplierDriver(applier), 1, 23);
        }
        try (AuditApplier restarted = AuditFixtures.open(node)) {
            assertThat(restarted.appliedIndex()).as("the last audited index at or below 23").isEqualTo(23);
            replayToEnd(restarted);
        }
        List<AuditRecord> records = AuditLog.tail(node, Integer.MAX_VALUE);
        assertThat(records).isEqualTo(reference());
        assertThat(records).extracting(AuditRecord::seq).doesNotHaveDuplicates();
        assertThat(AuditLog.verify(node).ok()).isTrue();
    }

    @Test
    void aTornLastFrameIsCutOffAndReplayed() throws Exception {
        Path node = Files.createDirectories(dir.resolve("node"));
        long sizeAfter22;
        try (AuditApplier applier = AuditFixtures.open(node)) {
            ApplierDriver driver = new ApplierDriver(applier);
            AuditFixtures.applyLog(driver, 1, 22);
            sizeAfter22 = Files.size(node.resolve(SegmentFormat.name(1)));
            AuditFixtures.applyLog(driver, 23, 23);
        }
        // a crash before the fsync of index 23's frame: only part of it reached the disk
        Path segment = node.resolve(SegmentFormat.name(1));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(sizeAfter22 + 9);
        }
        try (AuditApplier restarted = AuditFixtures.open(node)) {
            assertThat(restarted.appliedIndex()).isEqualTo(22);
            assertThat(Files.size(segment)).isEqualTo(sizeAfter22);
            replayToEnd(restarted);
        }
        assertThat(AuditLog.tail(node, Integer.MAX_VALUE)).isEqualTo(reference());
    }

    @Test
    void zerosLeftByACrashAfterTheLastFrameAreCutOff() throws Exception {
        Path node = Files.createDirectories(dir.resolve("node"));
        try (AuditApplier applier = AuditFixtures.open(node)) {
            AuditFixtures.applyLog(new ApplierDriver(applier), 1, 30);
        }
        Path segment = node.resolve(SegmentFormat.name(1));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(300), channel.size());
        }
        try (AuditApplier restarted = AuditFixtures.open(node)) {
            assertThat(restarted.appliedIndex()).as("index 30 audits nothing: 29 is the last frame").isEqualTo(29);
            replayToEnd(restarted);
        }
        assertThat(AuditLog.tail(node, Integer.MAX_VALUE)).isEqualTo(reference());
    }

    /**
     * A node in {@code node} that wrote records 1..{@code written}, then restored the snapshot another node took at
     * {@code restoredAt}, as a restart that loads the latest snapshot and then replays the log does.
     */
    private AuditApplier rewound(Path node, long written, long restoredAt) throws Exception {
        byte[] section = AuditFixtures.sectionAt(dir.resolve("other"), restoredAt);
        AuditApplier applier = AuditFixtures.open(Files.createDirectories(node));
        AuditFixtures.applyLog(new ApplierDriver(applier), 1, written);
        ApplierDriver.restore(applier, section, restoredAt);
        return applier;
    }

    @Test
    void aRestoreOlderThanTheLogReplaysOverWhatWasWritten() throws Exception {
        Path node = dir.resolve("node");
        try (AuditApplier applier = rewound(node, 30, 12)) {
            assertThat(applier.appliedIndex()).isEqualTo(12);
            replayToEnd(applier);
            assertThat(applier.appliedIndex()).isEqualTo(LAST);
        }
        assertThat(AuditLog.tail(node, Integer.MAX_VALUE)).isEqualTo(reference());
    }

    @Test
    void aReplayThatDiffersFromWhatWasWrittenHaltsApply() throws Exception {
        Path node = dir.resolve("node");
        try (AuditApplier applier = rewound(node, 20, 10)) {
            ApplierDriver driver = new ApplierDriver(applier);
            // index 11 of the log this node wrote was an audited ALTER; a log that now holds something else diverges
            List<Outcome> outcomes = driver.record(AuditFixtures.audited("zed", "DROP TABLE other"));
            assertThat(outcomes).last().isInstanceOf(Outcome.LocalFault.class);
            assertThat(((Outcome.LocalFault) outcomes.get(outcomes.size() - 1)).reason())
                    .contains("diverges from the metadata log at index 11");
            assertThat(applier.appliedIndex()).isEqualTo(10);
            assertThat(driver.record(new MetadataEntry.SurrogateAlloc(1))).last()
                    .isInstanceOf(Outcome.LocalFault.class);
        }
        assertThat(AuditLog.tail(node, Integer.MAX_VALUE)).extracting(AuditRecord::userName).doesNotContain("zed");
    }
}
