package io.metagroup.raft.internal;

import io.metagroup.raft.Member;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** Maps Metagroup's node ids and cluster names onto Ratis ids. */
public final class Ids {
    private static final String PREFIX = "n";

    private Ids() {}

    /** The Ratis peer id of node {@code nodeId}: {@code n<unsigned decimal>}. */
    public static RaftPeerId peerId(long nodeId) {
        return RaftPeerId.valueOf(PREFIX + Long.toUnsignedString(nodeId));
    }

    /** The node id of a Ratis peer id made by {@link #peerId}. */
    public static long nodeId(RaftPeerId peerId) {
        String s = peerId.toString();
        if (!s.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Metagroup peer id: " + s);
        }
        return Long.parseUnsignedLong(s.substring(PREFIX.length()));
    }

    /** The group id of a cluster: a name-based UUID, the same on every node. */
    public static RaftGroupId groupId(String clusterName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
                ("metagroup:" + clusterName).getBytes(StandardCharsets.UTF_8)));
    }

    /** A Ratis peer for a member. */
    public static RaftPeer peer(Member member) {
        return RaftPeer.newBuilder().setId(peerId(member.nodeId())).setAddress(member.address()).build();
    }
}
