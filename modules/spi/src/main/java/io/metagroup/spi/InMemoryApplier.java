package io.metagroup.spi;

import io.metagroup.model.Sha256;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link MetadataApplier} whose whole state lives in memory and is rebuilt from a snapshot and the log after a
 * restart. It keeps the applied index (strictly increasing, one record at a time), takes its digest over its
 * snapshot encoding (which must therefore be canonical: key-sorted, deterministic) and holds no files or threads.
 * A subclass stages and commits entries in {@link #begin}, writes its state in {@link #writeSnapshot} and reads it
 * back in {@link #restoreState}.
 */
public abstract class InMemoryApplier implements MetadataApplier {
    private volatile long appliedIndex;

    /** For subclasses; the applied index starts at 0. */
    protected InMemoryApplier() {}

    @Override
    public final long appliedIndex() {
        return appliedIndex;
    }

    /**
     * Records that {@code index} is applied.
     *
     * @throws IllegalStateException when {@code index} is at or below the applied index (the core never does this)
     */
    @Override
    public void finishRecord(long index) {
        if (index <= appliedIndex) {
            throw new IllegalStateException(id() + ": record " + index + " is at or below the applied index "
                    + appliedIndex);
        }
        appliedIndex = index;
    }

    @Override
    public final void restoreSnapshot(InputStream in, long index) throws IOException {
        restoreState(in);
        appliedIndex = index;
    }

    /** Replaces the whole state with the one {@link #writeSnapshot} wrote to {@code in}. */
    protected abstract void restoreState(InputStream in) throws IOException;

    @Override
    public Sha256 digest() {
        return StateDigest.of(this::writeSnapshot);
    }

    /** Holds no files or threads. */
    @Override
    public void close() {}
}
