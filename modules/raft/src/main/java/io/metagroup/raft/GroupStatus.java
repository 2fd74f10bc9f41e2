package io.metagroup.raft;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node's view of the group.
 *
 * @param nodeId       this node
 * @param role         its Raft role
 * @param leader       the leader it knows of
 * @param term         its current term
 * @param commitIndex  its commit index
 * @param appliedIndex the highest index applied by every applier on this node
 * @param ready        applied has reached the commit index seen at start
 * @param fault        the local fault that halted apply; present means unhealthy
 * @param logStart     the first index still in this node's Raft log (earlier entries were purged into a snapshot)
 * @param snapshot     the index of this node's latest snapshot, -1 when none
 * @param installs     snapshots this node installed from a leader since it started
 * @param supportedVersion the highest cluster version this node can apply (a ClusterVersionBump above the lowest of
 *                     the members' is refused)
 * @param peers        every member of the current configuration, with the commit index the leader knows for it
 *                     (this node's own view when it is not the leader)
 */
public record GroupStatus(
        long nodeId,
        Role role,
        OptionalLong leader,
        long term,
        long commitIndex,
        long appliedIndex,
        boolean ready,
        Optional<String> fault,
        long logStart,
        long snapshot,
        long installs,
        int supportedVersion,
        List<PeerStatus> peers) {

    public GroupStatus {
        peers = List.copyOf(peers);
    }

    /** True when apply runs (no local fault). */
    public boolean healthy() {
        return fault.isEmpty();
    }

    /** A node's Raft role. */
    public enum Role {
        LEADER, CANDIDATE, FOLLOWER, LISTENER, NONE
    }

    /**
     * One member of the configuration.
     *
     * @param nodeId      its id
     * @param address     its address as this node reaches it
     * @param voter       true for a voter, false for a listener
     * @param commitIndex its commit index as known here, -1 when unknown
     */
    public record PeerStatus(long nodeId, String address, boolean voter, long commitIndex) {
    }
}
