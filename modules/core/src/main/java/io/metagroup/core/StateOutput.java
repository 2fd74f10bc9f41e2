package io.metagroup.core;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.Hlc;
import io.metagroup.model.Sha256;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The canonical encoding of replicated state, for snapshot sections and digests: big-endian fixed-width numbers,
 * strings as a length and UTF-8, enums by name. A writer of state walks its maps in key order so that equal
 * states give equal bytes.
 */
final class StateOutput {

    /** Writes state to a {@link StateOutput}. */
    @FunctionalInterface
    interface Writer {
        void write(StateOutput out) throws IOException;
    }

    private final DataOutputStream out;

    StateOutput(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    /** Writes what {@code writer} writes to {@code out}, flushed (a snapshot section). */
    static void write(OutputStream out, Writer writer) throws IOException {
        StateOutput state = new StateOutput(out);
        writer.write(state);
        state.flush();
    }

    /** SHA-256 over what {@code writer} writes. */
    static Sha256 digest(Writer writer) {
        MessageDigest sha = newSha256();
        try (DigestOutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            write(sink, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("digest of in-memory state failed", e);
        }
        return Sha256.of(sha.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    void u8(int value) throws IOException {
        out.writeByte(value);
    }

    void bool(boolean value) throws IOException {
        out.writeBoolean(value);
    }

    void i32(int value) throws IOException {
        out.writeInt(value);
    }

    void i64(long value) throws IOException {
        out.writeLong(value);
    }

    void string(String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    void bytes(byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    void hlc(Hlc value) throws IOException {
        out.writeLong(value.wallNanos());
        out.writeLong(value.logical());
    }

    void descriptorId(DescriptorId value) throws IOException {
        out.writeLong(value.tenantId());
        string(value.kind().name());
        string(value.name());
    }

    void flush() throws IOException {
        out.flush();
    }
}
