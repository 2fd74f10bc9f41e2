package io.metagroup.plugin.topology;

/** Where a node is in its life in the cluster. */
public enum NodeState {
    /** Joined as a learner, not yet promoted. */
    JOINING,
    /** A full member. */
    ACTIVE,
    /** Being decommissioned: its data is moving away. */
    DRAINING,
    /** Decommissioned: holds nothing, waits to leave. */
    DECOMMISSIONED
}
