package io.metagroup.spi;

import io.metagroup.model.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over a canonical encoding of an applier's state, for {@link MetadataApplier#digest()}: the encoding is
 * streamed into the hash, never buffered whole.
 */
public final class StateDigest {
    private StateDigest() {}

    /** Writes a canonical (key-sorted, deterministic) encoding of some state. */
    @FunctionalInterface
    public interface Encoding {
        /** Writes the encoding to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The SHA-256 of what {@code encoding} writes.
     *
     * @throws UncheckedIOException when the encoding fails (it writes to no device, so only a bug makes it fail)
     */
    public static Sha256 of(Encoding encoding) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            encoding.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the state for its digest failed", e);
        }
        return Sha256.of(sha.digest());
    }
}
