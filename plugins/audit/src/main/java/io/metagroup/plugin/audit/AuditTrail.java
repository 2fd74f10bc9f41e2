package io.metagroup.plugin.audit;

import io.metagroup.model.Sha256;
import java.nio.file.Path;

/**
 * The live audit log of a node, as the {@code audit} plugin's applier exposes it. The chain head and record count
 * are replicated state (in the digest and the snapshot): every node that applied the same log holds the same, so
 * comparing them across nodes, or passing them to {@link AuditLog#verify(Path, long, Sha256)}, also catches records
 * removed from the end of a log. Safe to read from any thread.
 */
public interface AuditTrail {

    /** Number of records in the chain (the seq of the last one); 0 before any. */
    long recordCount();

    /** The chain hash of the last record; 32 zero bytes before any. */
    Sha256 chainHead();

    /** The log index of the last audited entry; 0 before any. */
    long lastAuditedIndex();

    /** The directory that holds this node's segments, for {@link AuditLog}. */
    Path directory();
}
