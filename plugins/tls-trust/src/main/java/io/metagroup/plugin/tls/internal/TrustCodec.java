package io.metagroup.plugin.tls.internal;

import io.metagroup.model.Bytes;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.TlsTrust;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical encoding of the replicated trust set, used both as the snapshot section and as the digest's input.
 * Big-endian:
 * <pre>
 *   u32 magic "MGCA" (0x4D474341) · u32 format version (1) · u32 CA count
 *   per CA, ascending fingerprint (unsigned bytes): 32 bytes fingerprint · u32 DER length · DER bytes
 * </pre>
 * A fingerprint is the SHA-256 of the DER that follows it; reading checks it.
 */
final class TrustCodec {
    static final int MAGIC = 0x4D47_4341;
    static final int FORMAT_VERSION = 1;
    /** Largest certificate a section may hold; far above any real CA certificate. */
    static final int MAX_DER = 1 << 20;

    private TrustCodec() {}

    /** Writes {@code cas}, fingerprint to DER. */
    static void write(SortedMap<Sha256, Bytes> cas, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(cas.size());
        for (Map.Entry<Sha256, Bytes> ca : cas.entrySet()) {
            out.write(ca.getKey().bytes().toByteArray());
            out.writeInt(ca.getValue().length());
            out.write(ca.getValue().toByteArray());
        }
        out.flush();
    }

    /**
     * Reads a section written by {@link #write}, reading no byte past its end.
     *
     * @throws IOException naming what is malformed
     */
    static SortedMap<Sha256, Bytes> read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw malformed(String.format("starts with 0x%08X, not the magic 0x%08X ('MGCA')", magic, MAGIC));
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw malformed("has format version " + version + "; this plugin reads version " + FORMAT_VERSION);
            }
            int count = in.readInt();
            if (count < 0) {
                throw malformed("has a negative CA count " + count);
            }
            TreeMap<Sha256, Bytes> cas = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[Sha256.LENGTH];
                in.readFully(key);
                Sha256 fingerprint = Sha256.of(key);
                if (!cas.isEmpty() && cas.lastKey().compareTo(fingerprint) >= 0) {
                    throw malformed("lists CA " + fingerprint + " after " + cas.lastKey() + ": fingerprints must ascend");
                }
                int length = in.readInt();
                if (length <= 0 || length > MAX_DER) {
                    throw malformed("gives CA " + fingerprint + " a certificate of " + length + " bytes (1.." + MAX_DER + ")");
                }
                byte[] der = new byte[length];
                in.readFully(der);
                Sha256 actual = TlsTrust.fingerprint(der);
                if (!actual.equals(fingerprint)) {
                    throw malformed("holds for CA " + fingerprint + " a certificate whose SHA-256 is " + actual);
                }
                cas.put(fingerprint, Bytes.of(der));
            }
            return cas;
        } catch (EOFException e) {
            throw malformed("is truncated");
        }
    }

    private static IOException malformed(String what) {
        return new IOException("tls-trust snapshot section " + what);
    }
}
