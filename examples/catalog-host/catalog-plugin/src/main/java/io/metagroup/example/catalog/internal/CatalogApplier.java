package io.metagroup.example.catalog.internal;

import io.metagroup.example.catalog.Catalog;
import io.metagroup.example.catalog.CatalogCommand;
import io.metagroup.example.catalog.CatalogView;
import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.StateDigest;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Keeps the host's {@link Catalog} from the {@link CatalogCommand} in every {@code CatalogDdl} and
 * {@code CatalogDdlAudited} entry; other entries are Applied without effect. A payload that does not decode is
 * refused before the log ({@link #validate}) and, should one reach it, Rejected at apply.
 *
 * <p>The catalog is an immutable value: a transaction stages the next one, commit publishes it with one volatile
 * write, so readers on other threads always see a whole catalog of one applied index.
 */
final class CatalogApplier implements MetadataApplier, CatalogView {
    private volatile Catalog committed = Catalog.empty();
    private volatile long appliedIndex;

    @Override
    public String id() {
        return PLUGIN_ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        try {
            payloadOf(entry).ifPresent(CatalogCommand::decode);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new Transaction() {
            private Catalog staged = committed;

            @Override
            public Outcome apply(MetadataEntry entry) {
                Optional<Bytes> payload = payloadOf(entry);
                if (payload.isEmpty()) {
                    return Outcome.applied(); // not a catalog change
                }
                try {
                    staged = CatalogRules.after(staged, CatalogCommand.decode(payload.get()));
                    return Outcome.applied();
                } catch (IllegalArgumentException | CatalogRules.Refused e) {
                    return Outcome.rejected(e.getMessage());
                }
            }

            @Override
            public void commit() {
                committed = staged;
            }

            @Override
            public void abort() {
                staged = committed;
            }
        };
    }

    @Override
    public void finishRecord(long index) {
        appliedIndex = index;
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        CatalogSnapshot.write(committed, out);
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        committed = CatalogSnapshot.read(in);
        appliedIndex = index;
    }

    @Override
    public Sha256 digest() {
        return StateDigest.of(this::writeSnapshot);
    }

    @Override
    public Catalog catalog() {
        return committed;
    }

    /** The host payload of a catalog entry, or empty for any other entry. */
    private static Optional<Bytes> payloadOf(MetadataEntry entry) {
        if (entry instanceof MetadataEntry.CatalogDdl ddl) {
            return Optional.of(ddl.payload());
        }
        if (entry instanceof MetadataEntry.CatalogDdlAudited audited) {
            return Optional.of(audited.payload());
        }
        return Optional.empty();
    }
}
