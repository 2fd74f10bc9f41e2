package io.metagroup.bootstrap;

import io.metagroup.model.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a joiner receives once the group accepted its token: enough to start as a node of the group. The bytes of
 * {@link #encode()} are what the bundle MAC ({@link io.metagroup.plugin.jointoken.JoinKeys#bundleMac}) covers.
 *
 * @param clusterName the cluster's name (also the HKDF info of the bundle key)
 * @param peers       the group's members when the join committed, node id → Raft {@code host:port}
 * @param mutualTls   true when the group's peers speak mutual TLS: the joiner then starts with its new key and
 *                    certificate and the CA directory
 * @param caCerts     the cluster's CA certificates, DER, by ascending fingerprint
 * @param certificate the joiner's certificate, DER, issued from its CSR by the cluster CA
 * @param joinIndex   log index at which the joiner's MarkConsumed and Join committed
 */
public record JoinBundle(String clusterName, SortedMap<Long, String> peers, boolean mutualTls, List<Bytes> caCerts,
                         Bytes certificate, long joinIndex) {
    private static final int VERSION = 1;
    /** Bounds on decoding: a bundle is a few kilobytes. */
    private static final int MAX_ITEMS = 1024;
    private static final int MAX_CERT_BYTES = 64 * 1024;

    public JoinBundle {
        Objects.requireNonNull(clusterName, "clusterName");
        TreeMap<Long, String> sorted = new TreeMap<>(Long::compareUnsigned);
        sorted.putAll(Objects.requireNonNull(peers, "peers"));
        peers = Collections.unmodifiableSortedMap(sorted);
        caCerts = List.copyOf(caCerts);
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The canonical encoding: fixed field order, peers by unsigned node id, CAs in the given order. */
    public byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(clusterName);
            out.writeInt(peers.size());
            for (Map.Entry<Long, String> p : peers.entrySet()) {
                out.writeLong(p.getKey());
                out.writeUTF(p.getValue());
            }
            out.writeBoolean(mutualTls);
            out.writeInt(caCerts.size());
            for (Bytes ca : caCerts) {
                writeBytes(out, ca);
            }
            writeBytes(out, certificate);
            out.writeLong(joinIndex);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes {@link #encode()}'s bytes.
     *
     * @throws IOException naming what is malformed: a version, a count or length out of bounds, trailing bytes
     */
    public static JoinBundle decode(byte[] encoded) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("join bundle version " + version + " is not " + VERSION);
            }
            String cluster = in.readUTF();
            int n = count(in.readInt(), "peers");
            SortedMap<Long, String> peers = new TreeMap<>(Long::compareUnsigned);
            for (int i = 0; i < n; i++) {
                peers.put(in.readLong(), in.readUTF());
            }
            boolean tls = in.readBoolean();
            int cas = count(in.readInt(), "CA certificates");
            List<Bytes> caCerts = new ArrayList<>(cas);
            for (int i = 0; i < cas; i++) {
                caCerts.add(readBytes(in));
            }
            Bytes leaf = readBytes(in);
            long index = in.readLong();
            if (in.available() != 0) {
                throw new IOException("join bundle has " + in.available() + " trailing bytes");
            }
            return new JoinBundle(cluster, peers, tls, caCerts, leaf, index);
        } catch (java.io.EOFException e) {
            throw new IOException("join bundle is truncated", e);
        }
    }

    private static int count(int n, String what) throws IOException {
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("join bundle lists " + n + " " + what + "; at most " + MAX_ITEMS);
        }
        return n;
    }

    private static void writeBytes(DataOutputStream out, Bytes b) throws IOException {
        out.writeInt(b.length());
        out.write(b.toByteArray());
    }

    private static Bytes readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_CERT_BYTES) {
            throw new IOException("join bundle holds a certificate of " + length + " bytes; at most " + MAX_CERT_BYTES);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("join bundle is truncated inside a certificate");
        }
        return Bytes.of(bytes);
    }
}
