package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditProblem;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.AuditVerification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The implementation of {@link io.metagroup.plugin.audit.AuditLog}. */
public final class AuditLogReader {
    private AuditLogReader() {}

    /** See {@link io.metagroup.plugin.audit.AuditLog#verify(Path, long, Sha256)}; a null head checks no head. */
    public static AuditVerification verify(Path dir, long expectedCount, Sha256 expectedHead) throws IOException {
        Sha256[] headAtExpected = {expectedCount == 0 ? SegmentFormat.GENESIS : null};
        ChainWalk.Result walk = ChainWalk.walk(dir, 1, (index, stored, record) -> {
            if (record.seq() == expectedCount) {
                headAtExpected[0] = stored.chainHash();
            }
        });
        Optional<AuditProblem> problem = walk.problem();
        List<String> notes = new ArrayList<>(walk.notes());
        if (problem.isEmpty() && expectedHead != null && walk.count() >= expectedCount && headAtExpected[0] == null) {
            notes.add("record " + expectedCount + " is not held here (the log starts from a snapshot anchor after "
                    + "it), so the given chain head cannot be checked");
        } else if (problem.isEmpty() && expectedHead != null) {
            Path last = walk.segments().isEmpty() ? dir : walk.segments().get(walk.segments().size() - 1);
            if (walk.count() < expectedCount) {
                problem = Optional.of(new AuditProblem(AuditProblem.Kind.TRUNCATED, last, walk.validEnd(),
                        walk.count() + 1, "the log ends at record " + walk.count() + " but the replicated chain has "
                        + expectedCount + " records: records " + (walk.count() + 1) + ".." + expectedCount
                        + " were removed"));
            } else if (!headAtExpected[0].equals(expectedHead)) {
                problem = Optional.of(new AuditProblem(AuditProblem.Kind.EDITED, last, 0, expectedCount,
                        "record " + expectedCount + " of the log does not end the replicated chain "
                        + expectedHead.toHex() + ": the log was rewritten"));
            }
        }
        return new AuditVerification(walk.checked(), walk.segments().size(), walk.head(), walk.lastAuditedIndex(),
                problem, notes);
    }

    /** See {@link io.metagroup.plugin.audit.AuditLog#tail(Path, int)}. */
    public static List<AuditRecord> tail(Path dir, int n) throws IOException {
        TreeMap<Long, Path> segments = ChainWalk.segments(dir);
        Deque<AuditRecord> last = new ArrayDeque<>();
        if (n == 0 || segments.isEmpty()) {
            return List.of();
        }
        // walk from ever earlier segments until the walk holds n records or starts at the first segment
        for (Long from = segments.lastKey(); from != null; from = segments.lowerKey(from)) {
            last.clear();
            ChainWalk.walk(dir, from, (index, stored, record) -> {
                last.addLast(record);
                if (last.size() > n) {
                    last.removeFirst();
                }
            });
            if (last.size() >= n) {
                break;
            }
        }
        return new ArrayList<>(last);
    }
}
