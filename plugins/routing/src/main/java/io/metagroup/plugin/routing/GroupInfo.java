package io.metagroup.plugin.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One replication group of the routing table.
 *
 * @param groupId           the group's id, unsigned 64-bit
 * @param members           the voting members, sorted by unsigned node id on construction, no duplicates
 * @param learners          the non-voting learners, sorted likewise, none of them a member
 * @param leader            the leader hint: the node believed to lead the group, if known. Recorded as the log
 *                          says; it need not be a member (the log may name a leader before membership catches up)
 * @param replicationFactor how many members the group must keep, at least 1: a removal that would leave fewer is
 *                          refused
 */
public record GroupInfo(long groupId, List<Long> members, List<Long> learners, OptionalLong leader,
                        int replicationFactor) {

    /**
     * Sorts and checks the sets.
     *
     * @throws IllegalArgumentException naming a duplicate, a node both member and learner, or a factor below 1
     */
    public GroupInfo {
        members = sortedUnique(members, "members", groupId);
        learners = sortedUnique(learners, "learners", groupId);
        Objects.requireNonNull(leader, "leader");
        for (long learner : learners) {
            if (contains(members, learner)) {
                throw new IllegalArgumentException("group " + Long.toUnsignedString(groupId) + ": node "
                        + Long.toUnsignedString(learner) + " is both a member and a learner");
            }
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("group " + Long.toUnsignedString(groupId)
                    + ": replication factor must be at least 1, got " + replicationFactor);
        }
    }

    /** True when {@code nodeId} is a voting member. */
    public boolean isMember(long nodeId) {
        return contains(members, nodeId);
    }

    /** True when {@code nodeId} is a learner. */
    public boolean isLearner(long nodeId) {
        return contains(learners, nodeId);
    }

    /** This group with the leader hint {@code nodeId}. */
    public GroupInfo withLeader(long nodeId) {
        return new GroupInfo(groupId, members, learners, OptionalLong.of(nodeId), replicationFactor);
    }

    /** This group without member {@code nodeId}; a leader hint naming it is cleared. */
    public GroupInfo withoutMember(long nodeId) {
        OptionalLong nextLeader = leader.isPresent() && leader.getAsLong() == nodeId ? OptionalLong.empty() : leader;
        return new GroupInfo(groupId, without(members, nodeId), learners, nextLeader, replicationFactor);
    }

    /** This group without learner {@code nodeId}. */
    public GroupInfo withoutLearner(long nodeId) {
        return new GroupInfo(groupId, members, without(learners, nodeId), leader, replicationFactor);
    }

    private static List<Long> sortedUnique(List<Long> nodes, String what, long groupId) {
        List<Long> sorted = new ArrayList<>(Objects.requireNonNull(nodes, what));
        sorted.sort(Long::compareUnsigned);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).equals(sorted.get(i))) {
                throw new IllegalArgumentException("group " + Long.toUnsignedString(groupId) + ": node "
                        + Long.toUnsignedString(sorted.get(i)) + " is listed twice in its " + what);
            }
        }
        return List.copyOf(sorted);
    }

    private static boolean contains(List<Long> sortedNodes, long nodeId) {
        for (long node : sortedNodes) {
            if (node == nodeId) {
                return true;
            }
        }
        return false;
    }

    private static List<Long> without(List<Long> nodes, long nodeId) {
        return nodes.stream().filter(n -> n != nodeId).toList();
    }
}
