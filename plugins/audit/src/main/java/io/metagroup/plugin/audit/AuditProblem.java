package io.metagroup.plugin.audit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The first thing wrong with an audit log, as {@link AuditLog#verify} finds it.
 *
 * @param kind    what is wrong
 * @param segment the segment file where it is
 * @param offset  the byte offset in that file of the frame (or header) concerned
 * @param seq     the seq of the record concerned, or of the record expected there; 0 when none applies
 * @param message what is wrong, in words, naming the record
 */
public record AuditProblem(Kind kind, Path segment, long offset, long seq, String message) {
    public AuditProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(message, "message");
    }

    /** The kinds of problem. */
    public enum Kind {
        /** A record's bytes no longer match its chain hash (or the chain head given to verify). */
        EDITED,
        /** A record, or a whole segment, is missing from the chain. */
        REMOVED,
        /** The log ends early: an incomplete last frame, or fewer records than the chain head given to verify. */
        TRUNCATED,
        /** Bytes that are not a valid segment, frame or record (a wrong CRC, a bad header, garbage). */
        DAMAGED
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
