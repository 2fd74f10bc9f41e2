package io.metagroup.codec;

import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import java.util.Map;

/**
 * Every tag and code of wire version 1, as written in {@code docs/wire-format.md}. Explicit numbers, never
 * {@code ordinal()}: reordering a Java declaration must not change the bytes.
 */
final class WireTags {
    // entry tags (section 5)
    static final int CATALOG_DDL = 1;
    static final int CATALOG_DDL_AUDITED = 2;
    static final int BATCH = 3;
    static final int TOPOLOGY_CHANGE = 4;
    static final int ROUTING_CHANGE = 5;
    static final int CLUSTER_VERSION_BUMP = 6;
    static final int DESCRIPTOR_LEASE_GRANT = 7;
    static final int DESCRIPTOR_LEASE_RELEASE = 8;
    static final int DESCRIPTOR_DRAIN_START = 9;
    static final int DESCRIPTOR_DRAIN_END = 10;
    static final int CA_TRUST_CHANGE = 11;
    static final int SURROGATE_ALLOC = 12;
    static final int JOIN_TOKEN_TRANSITION = 13;
    static final int MIGRATION_CHECKPOINT = 14;
    static final int MIGRATION_ABORT = 15;

    // TopologyChange sub-tags
    static final int JOIN = 1;
    static final int LEAVE = 2;
    static final int PROMOTE_TO_VOTER = 3;
    static final int START_DECOMMISSION = 4;
    static final int FINISH_DECOMMISSION = 5;

    // RoutingChange sub-tags
    static final int REASSIGN_VSHARD = 1;
    static final int ROUTING_LEADERSHIP_TRANSFER = 2;
    static final int REMOVE_MEMBER = 3;

    // JoinTokenTransitionKind tags
    static final int REGISTER = 1;
    static final int BEGIN_IN_FLIGHT = 2;
    static final int MARK_CONSUMED = 3;
    static final int REVERT_IN_FLIGHT = 4;
    static final int MARK_EXPIRED = 5;
    static final int MARK_ABORTED = 6;

    // Compensation tags
    static final int REMOVE_LEARNER = 1;
    static final int REMOVE_VOTER = 2;
    static final int RESTORE_LEADER_HINT = 3;
    static final int REMOVE_GHOST_STUB = 4;

    // MigrationPhase codes, also the CheckpointPayload tags
    static final int ADD_LEARNER = 1;
    static final int CATCH_UP = 2;
    static final int PROMOTE_LEARNER = 3;
    static final int PAYLOAD_LEADERSHIP_TRANSFER = 4;
    static final int CUTOVER = 5;
    static final int COMPLETE = 6;

    /** The tag of every tagged leaf record (and of the two nested entry families), within its family. */
    private static final Map<Class<?>, Integer> TAGS = Map.ofEntries(
            Map.entry(MetadataEntry.CatalogDdl.class, CATALOG_DDL),
            Map.entry(MetadataEntry.CatalogDdlAudited.class, CATALOG_DDL_AUDITED),
            Map.entry(MetadataEntry.Batch.class, BATCH),
            Map.entry(TopologyChange.class, TOPOLOGY_CHANGE),
            Map.entry(RoutingChange.class, ROUTING_CHANGE),
            Map.entry(MetadataEntry.ClusterVersionBump.class, CLUSTER_VERSION_BUMP),
            Map.entry(MetadataEntry.DescriptorLeaseGrant.class, DESCRIPTOR_LEASE_GRANT),
            Map.entry(MetadataEntry.DescriptorLeaseRelease.class, DESCRIPTOR_LEASE_RELEASE),
            Map.entry(MetadataEntry.DescriptorDrainStart.class, DESCRIPTOR_DRAIN_START),
            Map.entry(MetadataEntry.DescriptorDrainEnd.class, DESCRIPTOR_DRAIN_END),
            Map.entry(MetadataEntry.CaTrustChange.class, CA_TRUST_CHANGE),
            Map.entry(MetadataEntry.SurrogateAlloc.class, SURROGATE_ALLOC),
            Map.entry(MetadataEntry.JoinTokenTransition.class, JOIN_TOKEN_TRANSITION),
            Map.entry(MetadataEntry.MigrationCheckpoint.class, MIGRATION_CHECKPOINT),
            Map.entry(MetadataEntry.MigrationAbort.class, MIGRATION_ABORT),
            Map.entry(TopologyChange.Join.class, JOIN),
            Map.entry(TopologyChange.Leave.class, LEAVE),
            Map.entry(TopologyChange.PromoteToVoter.class, PROMOTE_TO_VOTER),
            Map.entry(TopologyChange.StartDecommission.class, START_DECOMMISSION),
            Map.entry(TopologyChange.FinishDecommission.class, FINISH_DECOMMISSION),
            Map.entry(RoutingChange.ReassignVShard.class, REASSIGN_VSHARD),
            Map.entry(RoutingChange.LeadershipTransfer.class, ROUTING_LEADERSHIP_TRANSFER),
            Map.entry(RoutingChange.RemoveMember.class, REMOVE_MEMBER),
            Map.entry(JoinTokenTransitionKind.Register.class, REGISTER),
            Map.entry(JoinTokenTransitionKind.BeginInFlight.class, BEGIN_IN_FLIGHT),
            Map.entry(JoinTokenTransitionKind.MarkConsumed.class, MARK_CONSUMED),
            Map.entry(JoinTokenTransitionKind.RevertInFlight.class, REVERT_IN_FLIGHT),
            Map.entry(JoinTokenTransitionKind.MarkExpired.class, MARK_EXPIRED),
            Map.entry(JoinTokenTransitionKind.MarkAborted.class, MARK_ABORTED),
            Map.entry(Compensation.RemoveLearner.class, REMOVE_LEARNER),
            Map.entry(Compensation.RemoveVoter.class, REMOVE_VOTER),
            Map.entry(Compensation.RestoreLeaderHint.class, RESTORE_LEADER_HINT),
            Map.entry(Compensation.RemoveGhostStub.class, REMOVE_GHOST_STUB),
            Map.entry(MigrationCheckpointPayload.AddLearner.class, ADD_LEARNER),
            Map.entry(MigrationCheckpointPayload.CatchUp.class, CATCH_UP),
            Map.entry(MigrationCheckpointPayload.PromoteLearner.class, PROMOTE_LEARNER),
            Map.entry(MigrationCheckpointPayload.LeadershipTransfer.class, PAYLOAD_LEADERSHIP_TRANSFER),
            Map.entry(MigrationCheckpointPayload.Cutover.class, CUTOVER),
            Map.entry(MigrationCheckpointPayload.Complete.class, COMPLETE));

    private WireTags() {}

    /** The tag of a variant class, or -1 when it has none (a completeness test keeps that from shipping). */
    static int tagOf(Class<?> variant) {
        Integer tag = TAGS.get(variant);
        return tag == null ? -1 : tag;
    }

    /** Exhaustive over the enum: a new kind without a code does not compile. */
    static int descriptorKindCode(DescriptorKind kind) {
        return switch (kind) {
            case COLLECTION -> 1;
            case INDEX -> 2;
            case TRIGGER -> 3;
            case SEQUENCE -> 4;
            case USER -> 5;
            case ROLE -> 6;
            case GRANT -> 7;
            case RLS -> 8;
            case CHANGE_STREAM -> 9;
            case MATERIALIZED_VIEW -> 10;
            case SCHEDULE -> 11;
            case FUNCTION -> 12;
            case PROCEDURE -> 13;
            case TENANT -> 14;
            case API_KEY -> 15;
            case AUDIT_RETENTION -> 16;
        };
    }

    /** The kind of {@code code}, or null when the code is unknown. */
    static DescriptorKind descriptorKind(long code) {
        return switch (small(code)) {
            case 1 -> DescriptorKind.COLLECTION;
            case 2 -> DescriptorKind.INDEX;
            case 3 -> DescriptorKind.TRIGGER;
            case 4 -> DescriptorKind.SEQUENCE;
            case 5 -> DescriptorKind.USER;
            case 6 -> DescriptorKind.ROLE;
            case 7 -> DescriptorKind.GRANT;
            case 8 -> DescriptorKind.RLS;
            case 9 -> DescriptorKind.CHANGE_STREAM;
            case 10 -> DescriptorKind.MATERIALIZED_VIEW;
            case 11 -> DescriptorKind.SCHEDULE;
            case 12 -> DescriptorKind.FUNCTION;
            case 13 -> DescriptorKind.PROCEDURE;
            case 14 -> DescriptorKind.TENANT;
            case 15 -> DescriptorKind.API_KEY;
            case 16 -> DescriptorKind.AUDIT_RETENTION;
            default -> null;
        };
    }

    /** Exhaustive over the enum: a new phase without a code does not compile. */
    static int phaseCode(MigrationPhase phase) {
        return switch (phase) {
            case ADD_LEARNER -> ADD_LEARNER;
            case CATCH_UP -> CATCH_UP;
            case PROMOTE_LEARNER -> PROMOTE_LEARNER;
            case LEADERSHIP_TRANSFER -> PAYLOAD_LEADERSHIP_TRANSFER;
            case CUTOVER -> CUTOVER;
            case COMPLETE -> COMPLETE;
        };
    }

    /** The phase of {@code code}, or null when the code is unknown. */
    static MigrationPhase phase(long code) {
        return switch (small(code)) {
            case ADD_LEARNER -> MigrationPhase.ADD_LEARNER;
            case CATCH_UP -> MigrationPhase.CATCH_UP;
            case PROMOTE_LEARNER -> MigrationPhase.PROMOTE_LEARNER;
            case PAYLOAD_LEADERSHIP_TRANSFER -> MigrationPhase.LEADERSHIP_TRANSFER;
            case CUTOVER -> MigrationPhase.CUTOVER;
            case COMPLETE -> MigrationPhase.COMPLETE;
            default -> null;
        };
    }

    /** A tag or code read off the wire as an int switch key; -1 for anything no table holds. */
    static int small(long code) {
        return code < 0 || code > 0xFFFF ? -1 : (int) code;
    }
}
