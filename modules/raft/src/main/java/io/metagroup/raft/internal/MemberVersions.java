package io.metagroup.raft.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/**
 * What the leader knows of the highest cluster version each member can apply, as the members report it in their
 * status. The leader's door refuses a ClusterVersionBump unless every member of the current configuration is known
 * to support its target. Kept off the apply path: probes run from the tick, answers land in a concurrent map.
 */
public final class MemberVersions {
    /** How long a member's report counts before it is asked again (a restarted member may run another build). */
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final RatisNode node;
    private final long self;
    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
    private final Map<Long, Long> askedAt = new ConcurrentHashMap<>();
    private final Set<Long> asking = ConcurrentHashMap.newKeySet();

    /** Versions of the members {@code node} (this is node {@code self}) asks. */
    public MemberVersions(RatisNode node, long self) {
        this.node = node;
        this.self = self;
    }

    /** Asks every other member whose report is missing or old; call it while this node leads. */
    public void refresh(RaftServer.Division division) {
        long now = System.nanoTime();
        for (RaftPeer peer : members(division.getRaftConf())) {
            long id = Ids.nodeId(peer.getId());
            Long last = askedAt.get(id);
            if (id == self || (last != null && now - last < REFRESH_NANOS) || !asking.add(id)) {
                continue;
            }
            askedAt.put(id, now);
            node.peerStatus(peer.getId()).whenComplete((status, error) -> {
                if (error == null) {
                    versions.put(id, status.supportedVersion());
                }
                asking.remove(id);
            });
        }
    }

    /** Why some other member of {@code division}'s configuration cannot apply cluster version {@code to}, if any. */
    public Optional<String> refuse(Optional<RaftServer.Division> division, int to) {
        if (division.isEmpty()) {
            return Optional.of("this node runs no group");
        }
        List<String> why = new ArrayList<>();
        for (RaftPeer peer : members(division.get().getRaftConf())) {
            long id = Ids.nodeId(peer.getId());
            if (id == self) {
                continue;
            }
            Integer version = versions.get(id);
            if (version == null) {
                why.add("node " + Long.toUnsignedString(id) + " has not reported its version (is it up?)");
            } else if (version < to) {
                why.add("node " + Long.toUnsignedString(id) + " supports cluster version " + version + " at most");
            }
        }
        return why.isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", why) + "; every member must support the target version");
    }

    private static List<RaftPeer> members(RaftConfiguration conf) {
        return Stream.concat(conf.getCurrentPeers(RaftPeerRole.FOLLOWER).stream(),
                conf.getCurrentPeers(RaftPeerRole.LISTENER).stream()).toList();
    }

    /** The version member {@code id} last reported, for status and tests. */
    public Optional<Integer> of(long id) {
        return Optional.ofNullable(versions.get(id));
    }
}
