package io.metagroup.core;

import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A stateless applier for tests to override one method of: everything else is a {@link NoopApplier}'s. */
class DelegatingApplier implements MetadataApplier {
    private final NoopApplier state;

    DelegatingApplier(String id) {
        this.state = new NoopApplier(id);
    }

    @Override
    public String id() {
        return state.id();
    }

    @Override
    public long appliedIndex() {
        return state.appliedIndex();
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return state.begin(context);
    }

    @Override
    public void finishRecord(long index) {
        state.finishRecord(index);
    }

    @Override
    public void writeSnapshot(OutputStream out) {
        state.writeSnapshot(out);
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        state.restoreSnapshot(in, index);
    }

    @Override
    public Sha256 digest() {
        return state.digest();
    }

    @Override
    public void close() {
    }
}
