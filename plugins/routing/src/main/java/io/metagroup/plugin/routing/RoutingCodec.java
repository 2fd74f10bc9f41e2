package io.metagroup.plugin.routing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The canonical encoding of a {@link RoutingTable}, big-endian:
 * <pre>
 *   u32 magic "MGRT" (0x4D475254) · u32 format version (1)
 *   1024 times, vShard 0 first: u8 assigned (0 or 1) · u64 group id, only when assigned
 *   u32 group count · per group, ascending unsigned group id:
 *     u64 group id · u32 replication factor · u8 has leader (0 or 1) · u64 leader, only when present
 *     · u32 member count · u64 member ids, ascending · u32 learner count · u64 learner ids, ascending
 * </pre>
 */
final class RoutingCodec {
    static final int MAGIC = 0x4D47_5254;
    static final int FORMAT_VERSION = 1;

    private RoutingCodec() {}

    static void write(RoutingTable table, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        for (int v = 0; v < RoutingTable.VSHARD_COUNT; v++) {
            OptionalLong group = table.groupOf(v);
            out.writeBoolean(group.isPresent());
            if (group.isPresent()) {
                out.writeLong(group.getAsLong());
            }
        }
        List<GroupInfo> groups = table.groups();
        out.writeInt(groups.size());
        for (GroupInfo group : groups) {
            out.writeLong(group.groupId());
            out.writeInt(group.replicationFactor());
            out.writeBoolean(group.leader().isPresent());
            if (group.leader().isPresent()) {
                out.writeLong(group.leader().getAsLong());
            }
            writeNodes(group.members(), out);
            writeNodes(group.learners(), out);
        }
        out.flush();
    }

    private static void writeNodes(List<Long> nodes, DataOutputStream out) throws IOException {
        out.writeInt(nodes.size());
        for (long node : nodes) {
            out.writeLong(node);
        }
    }

    static RoutingTable read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw malformed(String.format("starts with 0x%08X, not the magic 0x%08X ('MGRT')", magic, MAGIC));
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw malformed("has format version " + version + "; this plugin reads version " + FORMAT_VERSION);
            }
            TreeMap<Integer, Long> assignments = new TreeMap<>();
            for (int v = 0; v < RoutingTable.VSHARD_COUNT; v++) {
                if (readFlag(in, "the assigned flag of vShard " + v)) {
                    assignments.put(v, in.readLong());
                }
            }
            int count = readCount(in, "group count");
            List<GroupInfo> groups = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                if (i > 0 && Long.compareUnsigned(groups.get(i - 1).groupId(), id) >= 0) {
                    throw malformed("lists group " + Long.toUnsignedString(id) + " after group "
                            + Long.toUnsignedString(groups.get(i - 1).groupId()) + ": ids must ascend");
                }
                groups.add(readGroup(in, id));
            }
            return RoutingTable.of(assignments, groups);
        } catch (EOFException e) {
            throw malformed("is truncated");
        }
    }

    private static GroupInfo readGroup(DataInputStream in, long id) throws IOException {
        String name = "group " + Long.toUnsignedString(id);
        int replicationFactor = in.readInt();
        OptionalLong leader = readFlag(in, "the leader flag of " + name)
                ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
        List<Long> members = readAscending(in, name + " members");
        List<Long> learners = readAscending(in, name + " learners");
        try {
            return new GroupInfo(id, members, learners, leader, replicationFactor);
        } catch (IllegalArgumentException e) {
            throw malformed("is inconsistent: " + e.getMessage());
        }
    }

    private static List<Long> readAscending(DataInputStream in, String what) throws IOException {
        int count = readCount(in, what + " count");
        List<Long> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long node = in.readLong();
            if (i > 0 && Long.compareUnsigned(nodes.get(i - 1), node) >= 0) {
                throw malformed("lists " + what + " out of order at node " + Long.toUnsignedString(node));
            }
            nodes.add(node);
        }
        return nodes;
    }

    private static boolean readFlag(DataInputStream in, String what) throws IOException {
        int flag = in.readUnsignedByte();
        if (flag > 1) {
            throw malformed("has " + flag + " as " + what + "; it must be 0 or 1");
        }
        return flag == 1;
    }

    private static int readCount(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw malformed("has a negative " + what + " " + count);
        }
        return count;
    }

    private static IOException malformed(String what) {
        return new IOException("routing snapshot section " + what);
    }
}
