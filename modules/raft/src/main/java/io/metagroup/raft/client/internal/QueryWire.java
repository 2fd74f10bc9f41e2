package io.metagroup.raft.client.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.core.DescriptorDrain;
import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.Sha256;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.client.StateSummary;
import io.metagroup.raft.internal.Wire;
import io.metagroup.spi.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The read-only queries a remote client sends to one member's state machine, and their replies. These bytes never
 * enter the log; both ends are this module, so a version byte is enough to refuse a mismatch cleanly.
 */
public final class QueryWire {
    private static final int MAGIC = 'Q';
    private static final int VERSION = 1;
    private static final int STATUS = 1;
    private static final int SUMMARY = 2;
    private static final int HISTORY = 3;
    private static final int PLUGIN_STATE = 4;

    private QueryWire() {}

    /** A query. */
    public sealed interface Query permits Status, Summary, History, PluginState {
    }

    /** The member's own view of the group ({@link GroupStatus}). */
    public record Status() implements Query {
    }

    /**
     * A summary of the member's state once it has applied {@code minIndex}.
     *
     * @param minIndex   the index the state must have reached (0: as it is)
     * @param waitMillis how long the member may wait for it
     */
    public record Summary(long minIndex, long waitMillis) implements Query {
    }

    /**
     * Applied entries from {@code fromIndex} on, whole records, about {@code maxEntries} at most.
     *
     * @param fromIndex  the first index wanted (at least 1)
     * @param maxEntries the page size (at least 1)
     */
    public record History(long fromIndex, int maxEntries) implements Query {
    }

    /**
     * The snapshot section of plugin {@code pluginId} (its whole replicated state, in its own encoding) once the
     * member has applied {@code minIndex}.
     *
     * @param pluginId   the plugin
     * @param minIndex   the index the state must have reached (0: as it is)
     * @param waitMillis how long the member may wait for it
     */
    public record PluginState(String pluginId, long minIndex, long waitMillis) implements Query {
    }

    /**
     * A page of applied entries.
     *
     * @param firstAvailable the lowest index the member still holds entries for
     * @param compacted      the index asked for is below {@code firstAvailable}; {@code entries} is empty
     * @param nextFrom       where the next page starts: every record below it and at or after the index asked for
     *                       is in this page (or was not a record)
     * @param entries        the entries, in log order
     */
    public record Page(long firstAvailable, boolean compacted, long nextFrom, List<AppliedEntry> entries) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** Encodes a query. */
    public static byte[] encode(Query query) {
        return write(out -> {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            if (query instanceof Status) {
                out.writeByte(STATUS);
            } else if (query instanceof Summary s) {
                out.writeByte(SUMMARY);
                out.writeLong(s.minIndex());
                out.writeLong(s.waitMillis());
            } else if (query instanceof History h) {
                out.writeByte(HISTORY);
                out.writeLong(h.fromIndex());
                out.writeInt(h.maxEntries());
            } else if (query instanceof PluginState ps) {
                out.writeByte(PLUGIN_STATE);
                out.writeUTF(ps.pluginId());
                out.writeLong(ps.minIndex());
                out.writeLong(ps.waitMillis());
            }
        });
    }

    /** Decodes {@link #encode}. */
    public static Query decodeQuery(byte[] bytes) throws IOException {
        return read(bytes, "query", in -> {
            if (in.readUnsignedByte() != MAGIC) {
                throw new IOException("not a Metagroup query");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("query version " + version + ", this node answers version " + VERSION
                        + ": use a client of the same release");
            }
            int kind = in.readUnsignedByte();
            switch (kind) {
                case STATUS:
                    return new Status();
                case SUMMARY:
                    return new Summary(in.readLong(), in.readLong());
                case HISTORY:
                    long from = in.readLong();
                    int max = in.readInt();
                    if (from < 1 || max < 1) {
                        throw new IOException("history from " + from + " max " + max + ": both must be at least 1");
                    }
                    return new History(from, max);
                case PLUGIN_STATE:
                    return new PluginState(in.readUTF(), in.readLong(), in.readLong());
                default:
                    throw new IOException("unknown query kind " + kind);
            }
        });
    }

    /** Encodes a member's status. */
    public static byte[] encodeStatus(GroupStatus s) {
        return write(out -> {
            out.writeLong(s.nodeId());
            writeText(out, s.role().name());
            writeOptionalLong(out, s.leader());
            out.writeLong(s.term());
            out.writeLong(s.commitIndex());
            out.writeLong(s.appliedIndex());
            out.writeBoolean(s.ready());
            out.writeBoolean(s.fault().isPresent());
            if (s.fault().isPresent()) {
                writeText(out, s.fault().get());
            }
            out.writeLong(s.logStart());
            out.writeLong(s.snapshot());
            out.writeLong(s.installs());
            out.writeInt(s.supportedVersion());
            out.writeInt(s.peers().size());
            for (GroupStatus.PeerStatus p : s.peers()) {
                out.writeLong(p.nodeId());
                writeText(out, p.address());
                out.writeBoolean(p.voter());
                out.writeLong(p.commitIndex());
            }
        });
    }

    /** Decodes {@link #encodeStatus}. */
    public static GroupStatus decodeStatus(byte[] bytes) throws IOException {
        return read(bytes, "status reply", in -> {
            long nodeId = in.readLong();
            GroupStatus.Role role = role(readText(in));
            OptionalLong leader = readOptionalLong(in);
            long term = in.readLong();
            long commit = in.readLong();
            long applied = in.readLong();
            boolean ready = in.readBoolean();
            Optional<String> fault = in.readBoolean() ? Optional.of(readText(in)) : Optional.empty();
            long logStart = in.readLong();
            long snapshot = in.readLong();
            long installs = in.readLong();
            int supportedVersion = in.readInt();
            int n = count(in, 17);
            List<GroupStatus.PeerStatus> peers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                peers.add(new GroupStatus.PeerStatus(in.readLong(), readText(in), in.readBoolean(), in.readLong()));
            }
            return new GroupStatus(nodeId, role, leader, term, commit, applied, ready, fault, logStart, snapshot,
                    installs, supportedVersion, peers);
        });
    }

    private static GroupStatus.Role role(String name) throws IOException {
        try {
            return GroupStatus.Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown role '" + name + "'");
        }
    }

    /** Encodes a state summary. */
    public static byte[] encodeSummary(StateSummary s) {
        return write(out -> {
            out.writeLong(s.nodeId());
            out.writeLong(s.appliedIndex());
            writeBytes(out, s.digest().bytes().toByteArray());
            out.writeInt(s.plugins().size());
            for (String p : s.plugins()) {
                writeText(out, p);
            }
            out.writeInt(s.clusterVersion());
            out.writeLong(s.surrogateHwm());
            out.writeLong(s.catalogDdlCount());
            writeHlc(out, s.lastRecordHlc());
            writeHlc(out, s.hlcWatermark());
            out.writeInt(s.leases().size());
            for (DescriptorLease l : s.leases()) {
                writeDescriptor(out, l.descriptorId());
                out.writeLong(l.version());
                out.writeLong(l.nodeId());
                writeHlc(out, l.expiresAt());
            }
            out.writeInt(s.drains().size());
            for (DescriptorDrain d : s.drains()) {
                writeDescriptor(out, d.descriptorId());
                out.writeLong(d.upToVersion());
                writeHlc(out, d.expiresAt());
            }
            out.writeLong(s.topologyChanges());
            out.writeLong(s.routingChanges());
        });
    }

    /** Decodes {@link #encodeSummary}. */
    public static StateSummary decodeSummary(byte[] bytes) throws IOException {
        return read(bytes, "summary reply", in -> {
            long nodeId = in.readLong();
            long applied = in.readLong();
            Sha256 digest = new Sha256(Bytes.of(readBytes(in)));
            int np = count(in, 4);
            List<String> plugins = new ArrayList<>(np);
            for (int i = 0; i < np; i++) {
                plugins.add(readText(in));
            }
            int version = in.readInt();
            long hwm = in.readLong();
            long ddl = in.readLong();
            Hlc last = readHlc(in);
            Hlc watermark = readHlc(in);
            int nl = count(in, 45);
            List<DescriptorLease> leases = new ArrayList<>(nl);
            for (int i = 0; i < nl; i++) {
                leases.add(new DescriptorLease(readDescriptor(in), in.readLong(), in.readLong(), readHlc(in)));
            }
            int nd = count(in, 37);
            List<DescriptorDrain> drains = new ArrayList<>(nd);
            for (int i = 0; i < nd; i++) {
                drains.add(new DescriptorDrain(readDescriptor(in), in.readLong(), readHlc(in)));
            }
            return new StateSummary(nodeId, applied, digest, plugins, version, hwm, ddl, last, watermark, leases,
                    drains, in.readLong(), in.readLong());
        });
    }

    /** Encodes a page of applied entries; the entries with {@code codec}, the outcomes as in a proposal reply. */
    public static byte[] encodePage(Page page, EntryCodec codec) throws CodecException {
        List<byte[]> entries = new ArrayList<>(page.entries().size());
        for (AppliedEntry e : page.entries()) {
            entries.add(codec.encodeEntry(e.entry()));
        }
        return write(out -> {
            out.writeLong(page.firstAvailable());
            out.writeBoolean(page.compacted());
            out.writeLong(page.nextFrom());
            out.writeInt(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                AppliedEntry e = page.entries().get(i);
                out.writeLong(e.index());
                writeHlc(out, e.hlc());
                out.writeLong(e.key().proposerId());
                out.writeLong(e.key().sequence());
                writeBytes(out, entries.get(i));
            }
            writeBytes(out, Wire.encodeOutcomes(page.entries().stream().map(AppliedEntry::outcome).toList()));
        });
    }

    /** Decodes {@link #encodePage}. */
    public static Page decodePage(byte[] bytes, EntryCodec codec) throws IOException {
        return read(bytes, "history reply", in -> {
            long first = in.readLong();
            boolean compacted = in.readBoolean();
            long next = in.readLong();
            int n = count(in, 44);
            long[] indexes = new long[n];
            Hlc[] hlcs = new Hlc[n];
            IdempotencyKey[] keys = new IdempotencyKey[n];
            List<byte[]> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                indexes[i] = in.readLong();
                hlcs[i] = readHlc(in);
                keys[i] = new IdempotencyKey(in.readLong(), in.readLong());
                entries.add(readBytes(in));
            }
            List<Outcome> outcomes = Wire.decodeOutcomes(readBytes(in));
            if (outcomes.size() != n) {
                throw new IOException(n + " entries but " + outcomes.size() + " outcomes");
            }
            List<AppliedEntry> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                try {
                    out.add(new AppliedEntry(indexes[i], hlcs[i], keys[i], codec.decodeEntry(entries.get(i)),
                            outcomes.get(i)));
                } catch (CodecException e) {
                    throw new IOException("entry at index " + indexes[i] + ": " + e.getMessage(), e);
                }
            }
            return new Page(first, compacted, next, out);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        var bytes = new ByteArrayOutputStream(64);
        try (var out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IOException("malformed " + what + " (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** A count of items of at least {@code minBytes} each, checked against what is left. */
    private static int count(DataInputStream in, int minBytes) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytes > in.available()) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return in.readNBytes(count(in, 1));
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeOptionalLong(DataOutputStream out, OptionalLong v) throws IOException {
        out.writeBoolean(v.isPresent());
        out.writeLong(v.orElse(0));
    }

    private static OptionalLong readOptionalLong(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        long v = in.readLong();
        return present ? OptionalLong.of(v) : OptionalLong.empty();
    }

    private static void writeHlc(DataOutputStream out, Hlc hlc) throws IOException {
        out.writeLong(hlc.wallNanos());
        out.writeLong(hlc.logical());
    }

    private static Hlc readHlc(DataInputStream in) throws IOException {
        return new Hlc(in.readLong(), in.readLong());
    }

    private static void writeDescriptor(DataOutputStream out, DescriptorId id) throws IOException {
        out.writeLong(id.tenantId());
        writeText(out, id.kind().name());
        writeText(out, id.name());
    }

    private static DescriptorId readDescriptor(DataInputStream in) throws IOException {
        long tenant = in.readLong();
        String kind = readText(in);
        try {
            return new DescriptorId(tenant, DescriptorKind.valueOf(kind), readText(in));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad descriptor: " + e.getMessage(), e);
        }
    }
}
