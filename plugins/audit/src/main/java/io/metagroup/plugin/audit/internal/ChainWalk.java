package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditProblem;
import io.metagroup.plugin.audit.AuditProblem.Kind;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.internal.SegmentFormat.Frame;
import io.metagroup.plugin.audit.internal.SegmentFormat.Header;
import io.metagroup.plugin.audit.internal.SegmentFormat.Stored;
import io.metagroup.plugin.audit.internal.SegmentReader.SegmentDamage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Walks the chain of an audit log directory from a given segment to the end, checking as it goes: segment numbers
 * without gaps, each segment header continuing the chain where the one before ended (unless it starts from a
 * snapshot anchor), record seqs without gaps, log indexes ascending, each record's chain hash. Stops at the first
 * problem. Reads only; thread-confined.
 */
final class ChainWalk {
    /** Receives each record checked, in order. */
    interface Visitor {
        void record(long index, Stored stored, AuditRecord record);
    }

    /**
     * Where a walk ended.
     *
     * @param segments         the segment files in order, from the first one walked
     * @param count            the seq of the last good record (or the chain position a header gives)
     * @param head             the chain hash after it
     * @param lastAuditedIndex the log index of the last good record (or as a header gives)
     * @param startIndex       the largest applied index a header of a walked segment records
     * @param checked          records checked
     * @param validEnd         the offset just past the last good frame of the last segment walked
     * @param problem          the first problem, if any
     * @param notes            anchors met
     */
    record Result(List<Path> segments, long count, Sha256 head, long lastAuditedIndex, long startIndex, long checked,
                  long validEnd, Optional<AuditProblem> problem, List<String> notes) {}

    private ChainWalk() {}

    /** The segment files of {@code dir}, by number. */
    static TreeMap<Long, Path> segments(Path dir) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "audit-*.log")) {
            for (Path file : files) {
                OptionalLong n = SegmentFormat.number(file);
                if (n.isPresent()) {
                    segments.put(n.getAsLong(), file);
                }
            }
        }
        return segments;
    }

    /**
     * Walks the segments of {@code dir} numbered {@code from} and up; the chain state starts from the header of
     * the first. With {@code from} 1 the whole log is walked and a missing first segment is a problem.
     */
    static Result walk(Path dir, long from, Visitor visitor) throws IOException {
        TreeMap<Long, Path> all = segments(dir);
        List<Path> walked = new ArrayList<>(all.tailMap(from, true).values());
        State s = new State();
        s.walked = walked;
        long expectedNumber = from;
        boolean first = true;
        for (Path file : walked) {
            long number = SegmentFormat.number(file).orElseThrow();
            if (number != expectedNumber) {
                return s.fail(Kind.REMOVED, file, 0, s.count + 1, "segment " + SegmentFormat.name(expectedNumber)
                        + " is missing (the next one found is " + file.getFileName() + ")");
            }
            expectedNumber++;
            try (SegmentReader reader = SegmentReader.open(file)) {
                Header h = reader.header();
                if (h.segment() != number) {
                    return s.fail(Kind.DAMAGED, file, 0, 0, "segment " + file + " says it is segment " + h.segment());
                }
                if (first || h.anchored()) {
                    if (h.anchored()) {
                        s.notes.add("segment " + file.getFileName() + " starts from a snapshot anchor at record "
                                + (h.firstSeq() - 1) + " (log index " + h.startIndex() + "): records before it are "
                                + "not held here");
                    } else if (from == 1 && (h.firstSeq() != 1 || !h.prevHash().equals(SegmentFormat.GENESIS))) {
                        return s.fail(Kind.REMOVED, file, 0, 1, "the log starts at record " + h.firstSeq()
                                + " in " + file.getFileName() + ": the records before it were removed");
                    }
                    s.count = h.firstSeq() - 1;
                    s.head = h.prevHash();
                    s.lastAuditedIndex = h.prevAuditedIndex();
                } else if (h.firstSeq() != s.count + 1 || !h.prevHash().equals(s.head)) {
                    return s.fail(h.firstSeq() > s.count + 1 ? Kind.REMOVED : Kind.EDITED, file, 0, s.count + 1,
                            "segment " + file.getFileName() + " continues the chain from record " + (h.firstSeq() - 1)
                                    + " but the segment before ends at record " + s.count
                                    + (h.firstSeq() == s.count + 1 ? " with another chain hash" : ""));
                }
                first = false;
                s.startIndex = Math.max(s.startIndex, h.startIndex());
                s.validEnd = reader.position();
                Optional<Result> failed = walkFrames(reader, s, visitor);
                if (failed.isPresent()) {
                    return failed.get();
                }
            } catch (SegmentDamage d) {
                return s.fail(d.torn() && file.equals(walked.get(walked.size() - 1)) ? Kind.TRUNCATED : Kind.DAMAGED,
                        file, d.offset(), s.count + 1, d.getMessage());
            }
        }
        return s.result(Optional.empty());
    }

    private static Optional<Result> walkFrames(SegmentReader reader, State s, Visitor visitor)
            throws IOException, SegmentDamage {
        Path file = reader.file();
        for (long offset = reader.position(); ; offset = reader.position()) {
            Frame frame = reader.next();
            if (frame == null) {
                return Optional.empty();
            }
            if (frame.index() <= s.lastAuditedIndex) {
                return Optional.of(s.fail(Kind.DAMAGED, file, offset, s.count + 1, "a frame for log index "
                        + frame.index() + " follows one for log index " + s.lastAuditedIndex));
            }
            for (int i = 0; i < frame.records().size(); i++) {
                Stored stored = frame.records().get(i);
                AuditRecord record;
                try {
                    record = SegmentFormat.decodeRecord(stored.bytes(), stored.chainHash());
                } catch (IOException e) {
                    return Optional.of(s.fail(Kind.DAMAGED, file, offset, s.count + 1, "record " + (s.count + 1)
                            + ": " + e.getMessage()));
                }
                if (record.seq() != s.count + 1) {
                    Kind kind = record.seq() > s.count + 1 ? Kind.REMOVED : Kind.EDITED;
                    String what = kind == Kind.REMOVED
                            ? "records " + (s.count + 1) + ".." + (record.seq() - 1) + " are missing before record "
                            + record.seq()
                            : "record " + record.seq() + " appears again after record " + s.count;
                    return Optional.of(s.fail(kind, file, offset, s.count + 1, what + " (log index "
                            + record.index() + ")"));
                }
                if (record.index() != frame.index() || record.ordinal() != i) {
                    return Optional.of(s.fail(Kind.EDITED, file, offset, record.seq(), "record " + record.seq()
                            + " says log index " + record.index() + " entry " + record.ordinal()
                            + " but sits in the frame of log index " + frame.index() + " as entry " + i));
                }
                Sha256 computed = SegmentFormat.chain(s.head, stored.bytes());
                if (!computed.equals(stored.chainHash())) {
                    return Optional.of(s.fail(Kind.EDITED, file, offset, record.seq(), "record " + record.seq()
                            + " (log index " + record.index() + ", user '" + record.userName()
                            + "') does not match its chain hash: it, or a record before it, was changed"));
                }
                s.count = record.seq();
                s.head = computed;
                s.checked++;
                if (visitor != null) {
                    visitor.record(frame.index(), stored, record);
                }
            }
            s.lastAuditedIndex = frame.index();
            s.validEnd = reader.position();
        }
    }

    /** The chain state while walking. */
    private static final class State {
        List<Path> walked;
        long count;
        Sha256 head = SegmentFormat.GENESIS;
        long lastAuditedIndex;
        long startIndex;
        long checked;
        long validEnd;
        final List<String> notes = new ArrayList<>();

        Result fail(Kind kind, Path file, long offset, long seq, String message) {
            return result(Optional.of(new AuditProblem(kind, file, offset, seq, message)));
        }

        Result result(Optional<AuditProblem> problem) {
            return new Result(List.copyOf(walked), count, head, lastAuditedIndex, startIndex, checked, validEnd,
                    problem, notes);
        }
    }
}
