package io.metagroup.core;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.PluginContext;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An applier that holds no state: it accepts every entry and only advances its applied index, so a host that does
 * not care about the metadata stream still lets the log's applied watermark move. Its snapshot section is empty.
 */
public final class NoopApplier implements MetadataApplier {
    private static final Sha256 EMPTY_DIGEST = StateOutput.digest(out -> { });

    private static final Transaction NOTHING = new Transaction() {
        @Override
        public Outcome apply(MetadataEntry entry) {
            return Outcome.applied();
        }

        @Override
        public void commit() {
        }

        @Override
        public void abort() {
        }
    };

    private final String id;
    private volatile long appliedIndex;

    /** A no-op applier under {@code id}. */
    public NoopApplier(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** A plugin whose applier is a {@link NoopApplier}: for hosts and tests that need a plugin slot filled. */
    public static ApplierPlugin plugin(String id, int version) {
        Objects.requireNonNull(id, "id");
        return new ApplierPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int version() {
                return version;
            }

            @Override
            public MetadataApplier create(PluginContext context) {
                return new NoopApplier(id);
            }
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return NOTHING;
    }

    @Override
    public void finishRecord(long index) {
        appliedIndex = index;
    }

    @Override
    public void writeSnapshot(OutputStream out) {
        // no state
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        if (in.read() != -1) {
            throw new IOException("snapshot section '" + id + "' of a no-op applier must be empty");
        }
        appliedIndex = index;
    }

    @Override
    public Sha256 digest() {
        return EMPTY_DIGEST;
    }

    /** Holds no files or threads. */
    @Override
    public void close() {
    }
}
