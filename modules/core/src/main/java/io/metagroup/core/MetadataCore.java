package io.metagroup.core;

import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composite applier of one node: the {@link MetadataCache} then every plugin's applier in plugin order.
 * Applies log records deterministically, atomically per proposal, idempotently by index and by idempotency key.
 * Not thread-safe for apply: one apply thread (Raft's) drives it; reads of the cache and plugins are safe from
 * any thread.
 *
 * <p>SKELETON: signatures are fixed; the implementation is in progress.
 */
public final class MetadataCore implements AutoCloseable {

    /**
     * Builds the core: orders {@code plugins} (dependency order, ties by id), creates each applier with a
     * context whose data dir is {@code dataDir/plugins/<id>} and whose settings are those of
     * {@code settings} under {@code plugin.<id>.}.
     *
     * @throws IllegalArgumentException on a duplicate id, a missing dependency or a cycle (message names them)
     */
    public static MetadataCore create(List<ApplierPlugin> plugins, Path dataDir, Map<String, String> settings)
            throws Exception {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Applies the committed record at {@code index}: one outcome per proposal, in order. A record at or below
     * {@link #appliedIndex()} is ignored (returns the outcomes remembered in the dedup table where known, else
     * Applied). On a LocalFault the index does not advance and the core stays faulted.
     */
    public List<Outcome> applyRecord(long index, LogRecord record) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Advances the applied index over a Raft entry that carries no record (no-op, configuration). */
    public void skipIndex(long index) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Highest index applied by every applier (the composite watermark). */
    public long appliedIndex() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Stateless checks of every applier, before the log; empty when the entry may enter it. */
    public Optional<String> validate(MetadataEntry entry) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The fault that halted apply, if any. */
    public Optional<String> fault() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Writes the whole state (plugin set, dedup table, every applier's section) at {@link #appliedIndex()}. */
    public void writeSnapshot(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Replaces the whole state with a snapshot written at {@code index}.
     *
     * @throws IOException naming what is wrong; {@link PluginSetMismatchException} when the snapshot's plugin set
     *                     differs from this node's
     */
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        throw new UnsupportedOperationException("in progress");
    }

    /** SHA-256 over the plugin set and every applier's digest, in plugin order. */
    public Sha256 digest() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The core cache. */
    public MetadataCache cache() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The applier of plugin {@code id}, as {@code type}. */
    public <T> T applier(String id, Class<T> type) {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void close() throws Exception {
        throw new UnsupportedOperationException("in progress");
    }
}
