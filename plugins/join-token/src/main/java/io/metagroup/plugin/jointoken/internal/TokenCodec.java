package io.metagroup.plugin.jointoken.internal;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.TokenState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical encoding of the token table, used both as the snapshot section and as the digest's input. It holds
 * token hashes only, never a token. Big-endian:
 * <pre>
 *   u32 magic "MGJT" (0x4D474A54) · u32 format version (1) · u32 token count
 *   per token, ascending hash (unsigned bytes): 32 bytes hash · u8 state code · the state's fields
 *     0 Issued:   u64 expiresAtMs
 *     1 InFlight: u64 expiresAtMs · UTF nodeAddr · u64 sinceMs
 *     2 Consumed: UTF nodeAddr · u64 atMs
 *     3 Expired:  u64 atMs
 *     4 Aborted:  u64 atMs
 * </pre>
 * UTF is Java's modified UTF-8 with a u16 length. Codes are written explicitly, never from a declaration order.
 */
public final class TokenCodec {
    static final int MAGIC = 0x4D47_4A54;
    static final int FORMAT_VERSION = 1;

    private TokenCodec() {}

    /** Writes {@code tokens}. */
    static void write(SortedMap<Sha256, TokenState> tokens, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(tokens.size());
        StateWriter writer = new StateWriter(out);
        try {
            for (Map.Entry<Sha256, TokenState> token : tokens.entrySet()) {
                out.write(token.getKey().bytes().toByteArray());
                token.getValue().accept(writer);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /**
     * Reads a section written by {@link #write}, reading no byte past its end.
     *
     * @throws IOException naming what is malformed
     */
    public static SortedMap<Sha256, TokenState> read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw malformed(String.format("starts with 0x%08X, not the magic 0x%08X ('MGJT')", magic, MAGIC));
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw malformed("has format version " + version + "; this plugin reads version " + FORMAT_VERSION);
            }
            int count = in.readInt();
            if (count < 0) {
                throw malformed("has a negative token count " + count);
            }
            TreeMap<Sha256, TokenState> tokens = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                byte[] hash = new byte[Sha256.LENGTH];
                in.readFully(hash);
                Sha256 tokenHash = Sha256.of(hash);
                if (!tokens.isEmpty() && tokens.lastKey().compareTo(tokenHash) >= 0) {
                    throw malformed("lists token " + tokenHash + " after " + tokens.lastKey() + ": hashes must ascend");
                }
                tokens.put(tokenHash, state(in, tokenHash));
            }
            return tokens;
        } catch (EOFException e) {
            throw malformed("is truncated");
        }
    }

    private static TokenState state(DataInputStream in, Sha256 tokenHash) throws IOException {
        int code = in.readUnsignedByte();
        switch (code) {
            case 0:
                return new TokenState.Issued(in.readLong());
            case 1:
                return new TokenState.InFlight(in.readLong(), in.readUTF(), in.readLong());
            case 2:
                return new TokenState.Consumed(in.readUTF(), in.readLong());
            case 3:
                return new TokenState.Expired(in.readLong());
            case 4:
                return new TokenState.Aborted(in.readLong());
            default:
                throw malformed("gives token " + tokenHash + " unknown state code " + code);
        }
    }

    private static IOException malformed(String what) {
        return new IOException("join-token snapshot section " + what);
    }

    /** Writes a state's code and fields; I/O failures travel as {@link UncheckedIOException}. */
    private record StateWriter(DataOutputStream out) implements TokenState.Visitor<Void> {
        private Void write(int code, IoStep fields) {
            try {
                out.writeByte(code);
                fields.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }

        @Override
        public Void issued(TokenState.Issued s) {
            return write(0, () -> out.writeLong(s.expiresAtMs()));
        }

        @Override
        public Void inFlight(TokenState.InFlight s) {
            return write(1, () -> {
                out.writeLong(s.expiresAtMs());
                out.writeUTF(s.nodeAddr());
                out.writeLong(s.sinceMs());
            });
        }

        @Override
        public Void consumed(TokenState.Consumed s) {
            return write(2, () -> {
                out.writeUTF(s.nodeAddr());
                out.writeLong(s.atMs());
            });
        }

        @Override
        public Void expired(TokenState.Expired s) {
            return write(3, () -> out.writeLong(s.atMs()));
        }

        @Override
        public Void aborted(TokenState.Aborted s) {
            return write(4, () -> out.writeLong(s.atMs()));
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }
}
