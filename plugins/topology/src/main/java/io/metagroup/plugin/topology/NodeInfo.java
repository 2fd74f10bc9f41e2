package io.metagroup.plugin.topology;

import java.util.Objects;

/**
 * One node of the cluster topology.
 *
 * @param nodeId  the node's id, unsigned 64-bit
 * @param address where it listens
 * @param state   where it is in its life
 * @param role    learner or voter
 */
public record NodeInfo(long nodeId, NodeAddress address, NodeState state, NodeRole role) {
    public NodeInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(role, "role");
    }

    /** This node in {@code newState}. */
    public NodeInfo withState(NodeState newState) {
        return new NodeInfo(nodeId, address, newState, role);
    }

    /** This node with {@code newRole}. */
    public NodeInfo withRole(NodeRole newRole) {
        return new NodeInfo(nodeId, address, state, newRole);
    }

    @Override
    public String toString() {
        return "node " + Long.toUnsignedString(nodeId) + " at " + address + " " + state + " " + role;
    }
}
