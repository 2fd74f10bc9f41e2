package io.metagroup.model;

/** The phases of a vShard migration, in the order a migration passes through them. */
public enum MigrationPhase {
    ADD_LEARNER,
    CATCH_UP,
    PROMOTE_LEARNER,
    LEADERSHIP_TRANSFER,
    CUTOVER,
    COMPLETE
}
