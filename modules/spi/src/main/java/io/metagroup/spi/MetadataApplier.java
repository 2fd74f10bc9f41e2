package io.metagroup.spi;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Applies committed metadata entries, in log order, to one part of the replicated state.
 *
 * <p>The composite applier drives every applier in plugin order. For each log record at index {@code i} above
 * {@link #appliedIndex()}: one {@link Transaction} per proposal ({@link #begin}), then {@link #finishRecord(long)}
 * once the record's proposals are settled. Records at or below {@link #appliedIndex()} are never passed again,
 * which makes replay after a restart idempotent.
 *
 * <p>Apply runs on one thread; hosts read an applier's state from other threads, so an implementation publishes
 * state safely (for example an immutable view swapped on commit, or a lock).
 */
public interface MetadataApplier extends AutoCloseable {

    /** The id of the plugin this applier belongs to. */
    String id();

    /**
     * A check that needs no state, run on the leader before an entry enters the log (a Batch is passed whole and
     * each of its sub-entries again). Returns the reason to refuse it, or empty to let it in.
     */
    default Optional<String> validate(MetadataEntry entry) {
        return Optional.empty();
    }

    /** The highest log index whose effects this applier holds; 0 before any. */
    long appliedIndex();

    /**
     * The highest log index whose effects this applier has on durable storage; equal to {@link #appliedIndex()}
     * only where it has a store of its own. An applier held only in memory returns 0: it is rebuilt from the
     * latest snapshot and the log.
     */
    default long durableIndex() {
        return 0;
    }

    /** Opens the staged view in which one proposal of the record at {@code context.index()} is applied. */
    Transaction begin(ApplyContext context);

    /**
     * Marks the record at {@code index} applied (whether its proposals were applied, rejected, or none concerned
     * this applier, and also for Raft's own no-op and configuration entries): {@link #appliedIndex()} becomes
     * {@code index}. An applier with a store records the index in the same store transaction as the rows.
     *
     * @throws LocalFaultException when the store fails; the node then halts at this index
     */
    void finishRecord(long index) throws LocalFaultException;

    /**
     * Writes this applier's whole state as its snapshot section: a deterministic encoding of the state at
     * {@link #appliedIndex()}. Called on the apply thread, between records.
     */
    void writeSnapshot(OutputStream out) throws IOException;

    /**
     * Replaces this applier's state with a snapshot section written by {@link #writeSnapshot} at {@code index};
     * afterwards {@link #appliedIndex()} is {@code index}. An applier with a store rebuilds it durably (new file,
     * fsync, rename) before returning.
     *
     * @throws IOException when the section is malformed (the message names what) or the store fails
     */
    void restoreSnapshot(InputStream in, long index) throws IOException;

    /** SHA-256 over a canonical, key-sorted encoding of this applier's state (not of its indexes). */
    Sha256 digest();

    /** Releases files and threads. The default holds none. */
    @Override
    default void close() throws Exception {}
}
