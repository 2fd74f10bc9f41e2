package io.metagroup.model;

/** A change to the live routing table (vShards → groups → members, learners, leader). */
public sealed interface RoutingChange extends MetadataEntry {

    /** Exhaustive handling of the three routing changes. */
    interface Visitor<R> {
        R reassignVShard(ReassignVShard c);

        R leadershipTransfer(LeadershipTransfer c);

        R removeMember(RemoveMember c);
    }

    /** Calls the visitor method for this change. */
    <R> R acceptRouting(Visitor<R> visitor);

    @Override
    default <R> R accept(MetadataEntry.Visitor<R> visitor) {
        return visitor.routingChange(this);
    }

    /**
     * Move a vShard to another group, with the node that now holds its lease.
     *
     * @param vshardId             unsigned 32-bit vShard id
     * @param newGroupId           the group that takes the vShard
     * @param newLeaseholderNodeId the new leader of that group
     */
    record ReassignVShard(long vshardId, long newGroupId, long newLeaseholderNodeId) implements RoutingChange {
        public ReassignVShard {
            Check.u32(vshardId, "reassignVShard.vshardId");
        }

        @Override
        public <R> R acceptRouting(Visitor<R> visitor) {
            return visitor.reassignVShard(this);
        }
    }

    /** Record that a group's leadership moved to another node. */
    record LeadershipTransfer(long groupId, long newLeaderNodeId) implements RoutingChange {
        @Override
        public <R> R acceptRouting(Visitor<R> visitor) {
            return visitor.leadershipTransfer(this);
        }
    }

    /** Remove a node from a group's members and learners. */
    record RemoveMember(long groupId, long nodeId) implements RoutingChange {
        @Override
        public <R> R acceptRouting(Visitor<R> visitor) {
            return visitor.removeMember(this);
        }
    }
}
