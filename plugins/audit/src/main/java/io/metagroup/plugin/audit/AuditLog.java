package io.metagroup.plugin.audit;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.internal.AuditLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Offline access to an audit log directory (the {@code audit} plugin's data dir), for
 * {@code metagroup audit verify} and {@code metagroup audit tail}. Reads only, so it may run beside the node that
 * writes the log; a frame being written at that moment shows as a truncated tail.
 */
public final class AuditLog {
    private AuditLog() {}

    /**
     * Checks the whole log: every segment present and in order, every frame's CRC32C, every record's seq and chain
     * hash. An edited record, a removed record or segment, and an incomplete or damaged frame are reported as the
     * first {@link AuditProblem}, naming the segment, the offset and the record.
     *
     * <p>Records removed from the very end of a log leave a shorter chain that is valid in itself; to catch that,
     * use {@link #verify(Path, long, Sha256)} with the record count and chain head of a node's replicated state.
     *
     * @throws IOException when the directory or a file cannot be read
     */
    public static AuditVerification verify(Path dir) throws IOException {
        return AuditLogReader.verify(dir, 0, null);
    }

    /**
     * As {@link #verify(Path)}, and also checks that the log holds the chain a node's replicated state describes:
     * at least {@code expectedCount} records, the record with seq {@code expectedCount} having chain hash
     * {@code expectedHead} ({@link AuditTrail#recordCount()} and {@link AuditTrail#chainHead()} of any node that
     * applied as far). Fewer records is {@link AuditProblem.Kind#TRUNCATED}; another hash is
     * {@link AuditProblem.Kind#EDITED}.
     *
     * @throws IOException when the directory or a file cannot be read
     */
    public static AuditVerification verify(Path dir, long expectedCount, Sha256 expectedHead) throws IOException {
        if (expectedCount < 0) {
            throw new IllegalArgumentException("the expected record count must not be negative, got " + expectedCount);
        }
        return AuditLogReader.verify(dir, expectedCount, Objects.requireNonNull(expectedHead, "expectedHead"));
    }

    /**
     * The last {@code n} records of the log, oldest first (fewer when the log holds fewer). Reads the last
     * segments only; records are decoded and their chain checked within what is read, and reading stops at the
     * first problem.
     *
     * @throws IOException when the directory or a file cannot be read
     */
    public static List<AuditRecord> tail(Path dir, int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("the number of records must not be negative, got " + n);
        }
        return AuditLogReader.tail(dir, n);
    }
}
