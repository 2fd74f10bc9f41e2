package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditProblem;
import io.metagroup.plugin.audit.AuditProblem.Kind;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.AuditVerification;
import io.metagroup.plugin.audit.internal.SegmentFormat.Frame;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metagroup audit verify} (AuditLog.verify) finds an edited record, a removed record, frame or segment, and
 * a truncated log, naming the first bad record; a log cut or rewritten at its end is caught against the
 * replicated chain head.
 */
class ChainVerifyDetectsTamperingTest {
    private static final long RECORDS = 80;

    @TempDir
    Path dir;
    private long count;
    private Sha256 head;

    /** A log of several small segments. */
    @BeforeEach
    void writeLog() throws Exception {
        try (AuditApplier applier = AuditFixtures.open(dir, 4096)) {
            AuditFixtures.applyLog(new ApplierDriver(applier), 1, RECORDS);
            count = applier.recordCount();
            head = applier.chainHead();
        }
        AuditVerification clean = AuditLog.verify(dir, count, head);
        assertThat(clean.ok()).as("%s", clean.problem()).isTrue();
        assertThat(clean.recordsChecked()).isEqualTo(count);
        assertThat(clean.segments()).isGreaterThan(1);
    }

    private Path segment(int n) {
        return dir.resolve(SegmentFormat.name(n));
    }

    private AuditProblem problem(AuditVerification v) {
        assertThat(v.ok()).as("verify must fail").isFalse();
        return v.problem().orElseThrow();
    }

    @Test
    void anEditedRecordIsFound() throws Exception {
        new SegmentEditor(segment(1)).editRecord(3, r -> new AuditRecord(r.seq(), r.index(), r.ordinal(), r.hlc(),
                r.userId(), r.userName(), "SELECT 1", r.versions(), r.payloadHash(), r.chainHash())).write();
        AuditProblem p = problem(AuditLog.verify(dir));
        assertThat(p.kind()).isEqualTo(Kind.EDITED);
        assertThat(p.seq()).isEqualTo(3);
        assertThat(p.segment()).isEqualTo(segment(1));
        assertThat(p.message()).contains("record 3", "does not match its chain hash");
    }

    @Test
    void aChangedByteIsFoundByItsFrameCrc() throws Exception {
        byte[] bytes = Files.readAllBytes(segment(1));
        bytes[SegmentFormat.HEADER_BYTES + 40] ^= 0x01;
        Files.write(segment(1), bytes);
        AuditProblem p = problem(AuditLog.verify(dir));
        assertThat(p.kind()).isEqualTo(Kind.DAMAGED);
        assertThat(p.offset()).isEqualTo(SegmentFormat.HEADER_BYTES);
        assertThat(p.message()).contains("CRC32C");
    }

    @Test
    void aRecordRemovedFromItsFrameIsFound() throws Exception {
        SegmentEditor editor = new SegmentEditor(segment(1));
        int f = indexOfFrameWithTwoRecords(editor);
        long removedSeq = SegmentFormat.decodeRecord(editor.frames.get(f).records().get(1).bytes(),
                editor.frames.get(f).records().get(1).chainHash()).seq();
        editor.frames.set(f, new Frame(editor.frames.get(f).index(), List.of(editor.frames.get(f).records().get(0))));
        editor.write();
        AuditProblem p = problem(AuditLog.verify(dir));
        assertThat(p.kind()).isEqualTo(Kind.REMOVED);
        assertThat(p.seq()).isEqualTo(removedSeq);
        assertThat(p.message()).contains("records " + removedSeq + ".." + removedSeq + " are missing");
    }

    @Test
    void aRemovedFrameIsFound() throws Exception {
        SegmentEditor editor = new SegmentEditor(segment(1));
        assertThat(editor.frames.size()).isGreaterThan(2);
        editor.frames.remove(1);
        editor.write();
        assertThat(problem(AuditLog.verify(dir)).kind()).isEqualTo(Kind.REMOVED);
    }

    @Test
    void aRemovedSegmentIsFound() throws Exception {
        Files.delete(segment(2));
        AuditProblem p = problem(AuditLog.verify(dir));
        assertThat(p.kind()).isEqualTo(Kind.REMOVED);
        assertThat(p.message()).contains(SegmentFormat.name(2), "is missing");
    }

    @Test
    void aTruncatedLogIsFound() throws Exception {
        Path last = lastSegment();
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        AuditProblem p = problem(AuditLog.verify(dir));
        assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(p.segment()).isEqualTo(last);
    }

    @Test
    void aLogCutAtAFrameBoundaryIsFoundAgainstTheReplicatedHead() throws Exception {
        SegmentEditor editor = new SegmentEditor(lastSegment());
        editor.frames.remove(editor.frames.size() - 1);
        editor.write();
        assertThat(AuditLog.verify(dir).ok()).as("a shorter chain is valid in itself").isTrue();
        AuditProblem p = problem(AuditLog.verify(dir, count, head));
        assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(p.message()).contains("replicated chain has " + count + " records");
    }

    @Test
    void aRewrittenChainIsFoundAgainstTheReplicatedHead() throws Exception {
        Path last = lastSegment();
        SegmentEditor editor = new SegmentEditor(last);
        long seq = SegmentFormat.decodeRecord(editor.frames.get(0).records().get(0).bytes(),
                editor.frames.get(0).records().get(0).chainHash()).seq();
        editor.editRecord(seq, r -> new AuditRecord(r.seq(), r.index(), r.ordinal(), r.hlc(), r.userId(), "mallory",
                r.statement(), r.versions(), r.payloadHash(), r.chainHash())).rechain().write();
        assertThat(AuditLog.verify(dir).ok()).as("a consistently rewritten chain is valid in itself").isTrue();
        AuditProblem p = problem(AuditLog.verify(dir, count, head));
        assertThat(p.kind()).isEqualTo(Kind.EDITED);
        assertThat(p.message()).contains("was rewritten");
    }

    private Path lastSegment() throws Exception {
        return ChainWalk.segments(dir).lastEntry().getValue();
    }

    private static int indexOfFrameWithTwoRecords(SegmentEditor editor) {
        List<Integer> found = new ArrayList<>();
        for (int f = 0; f < editor.frames.size(); f++) {
            if (editor.frames.get(f).records().size() == 2) {
                found.add(f);
            }
        }
        assertThat(found).as("the log has a frame with two records").isNotEmpty();
        return found.get(0);
    }
}
