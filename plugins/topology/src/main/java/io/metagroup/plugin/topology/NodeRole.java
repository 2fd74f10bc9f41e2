package io.metagroup.plugin.topology;

/** Whether a node votes in the metadata group. */
public enum NodeRole {
    /** Receives the log but does not vote. */
    LEARNER,
    /** Votes. */
    VOTER
}
