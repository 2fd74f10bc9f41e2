package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past the configured size the log continues in a new segment whose header carries the chain on; tail reads
 * across segments, verify walks them all, and a restart appends to the last one.
 */
class SegmentRollingTest {
    @TempDir
    Path dir;

    @Test
    void theChainContinuesAcrossSegments() throws Exception {
        try (AuditApplier applier = AuditFixtures.open(dir, 4096)) {
            AuditFixtures.applyLog(new ApplierDriver(applier), 1, 60);
        }
        int segmentsBefore = ChainWalk.segments(dir).size();
        assertThat(segmentsBefore).isGreaterThan(2);
        try (AuditApplier restarted = AuditFixtures.open(dir, 4096)) {
            AuditFixtures.applyLog(new ApplierDriver(restarted), restarted.appliedIndex() + 1, 90);
            assertThat(AuditLog.verify(dir, restarted.recordCount(), restarted.chainHead()).ok()).isTrue();
            List<AuditRecord> all = AuditLog.tail(dir, Integer.MAX_VALUE);
            assertThat(all).hasSize((int) restarted.recordCount());
            assertThat(all).extracting(AuditRecord::seq).isSorted().doesNotHaveDuplicates();
            List<AuditRecord> last = AuditLog.tail(dir, 7);
            assertThat(last).isEqualTo(all.subList(all.size() - 7, all.size()));
        }
        assertThat(ChainWalk.segments(dir).size()).isGreaterThan(segmentsBefore);
    }
}
