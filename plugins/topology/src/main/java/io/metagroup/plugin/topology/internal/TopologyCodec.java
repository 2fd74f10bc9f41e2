package io.metagroup.plugin.topology.internal;

import io.metagroup.plugin.topology.NodeAddress;
import io.metagroup.plugin.topology.NodeInfo;
import io.metagroup.plugin.topology.NodeRole;
import io.metagroup.plugin.topology.NodeState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical encoding of the topology, used both as the snapshot section and as the digest's input. Big-endian:
 * <pre>
 *   u32 magic "MGTP" (0x4D475450) · u32 format version (1) · u32 node count
 *   per node, ascending unsigned node id:
 *     u64 node id · UTF address "host:port" (Java modified UTF-8, ASCII by syntax) · u8 state · u8 role
 *   state: 0 Joining, 1 Active, 2 Draining, 3 Decommissioned · role: 0 learner, 1 voter
 * </pre>
 * Codes are written explicitly, never from {@code ordinal()}, so reordering an enum cannot change the format.
 */
final class TopologyCodec {
    static final int MAGIC = 0x4D47_5450;
    static final int FORMAT_VERSION = 1;

    private TopologyCodec() {}

    /** Writes {@code nodes}, which must be in ascending unsigned id order. */
    static void write(Iterable<NodeInfo> nodes, int count, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(count);
        for (NodeInfo node : nodes) {
            out.writeLong(node.nodeId());
            out.writeUTF(node.address().toString());
            out.writeByte(stateCode(node.state()));
            out.writeByte(roleCode(node.role()));
        }
        out.flush();
    }

    /**
     * Reads a section written by {@link #write}, reading no byte past its end.
     *
     * @throws IOException naming what is malformed
     */
    static List<NodeInfo> read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw malformed(String.format("starts with 0x%08X, not the magic 0x%08X ('MGTP')", magic, MAGIC));
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw malformed("has format version " + version + "; this plugin reads version " + FORMAT_VERSION);
            }
            int count = in.readInt();
            if (count < 0) {
                throw malformed("has a negative node count " + count);
            }
            List<NodeInfo> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                if (i > 0 && Long.compareUnsigned(nodes.get(i - 1).nodeId(), id) >= 0) {
                    throw malformed("lists node " + Long.toUnsignedString(id) + " after node "
                            + Long.toUnsignedString(nodes.get(i - 1).nodeId()) + ": ids must ascend");
                }
                NodeAddress address;
                try {
                    address = NodeAddress.parse(in.readUTF());
                } catch (IllegalArgumentException e) {
                    throw malformed("node " + Long.toUnsignedString(id) + ": " + e.getMessage());
                }
                nodes.add(new NodeInfo(id, address, state(in.readUnsignedByte(), id), role(in.readUnsignedByte(), id)));
            }
            return nodes;
        } catch (EOFException e) {
            throw malformed("is truncated");
        }
    }

    private static int stateCode(NodeState state) {
        return switch (state) {
            case JOINING -> 0;
            case ACTIVE -> 1;
            case DRAINING -> 2;
            case DECOMMISSIONED -> 3;
        };
    }

    private static NodeState state(int code, long id) throws IOException {
        return switch (code) {
            case 0 -> NodeState.JOINING;
            case 1 -> NodeState.ACTIVE;
            case 2 -> NodeState.DRAINING;
            case 3 -> NodeState.DECOMMISSIONED;
            default -> throw malformed("node " + Long.toUnsignedString(id) + " has unknown state code " + code);
        };
    }

    private static int roleCode(NodeRole role) {
        return switch (role) {
            case LEARNER -> 0;
            case VOTER -> 1;
        };
    }

    private static NodeRole role(int code, long id) throws IOException {
        return switch (code) {
            case 0 -> NodeRole.LEARNER;
            case 1 -> NodeRole.VOTER;
            default -> throw malformed("node " + Long.toUnsignedString(id) + " has unknown role code " + code);
        };
    }

    private static IOException malformed(String what) {
        return new IOException("topology snapshot section " + what);
    }
}
