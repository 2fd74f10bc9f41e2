package io.metagroup.codec;

import io.metagroup.model.Bytes;
import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.CaTrustChange;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The value each golden vector stands for, keyed by the vector's name. Written from the comment header of each
 * file, independently of the bytes below it.
 */
final class GoldenValues {
    static final String MIGRATION_ID = "123e4567-e89b-12d3-a456-426614174000";
    static final Sha256 TOKEN_HASH = Sha256.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final Sha256 FINGERPRINT = Sha256.fromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    static final Bytes CERT = Bytes.fromHex("3082010a");
    private static final String NODE_ADDR = "127.0.0.2:9400";

    private static final Map<String, Object> VALUES = values();

    private GoldenValues() {}

    /** Every named value: a {@link MetadataEntry} or a {@link LogRecord}. */
    static Map<String, Object> all() {
        return VALUES;
    }

    static Object of(String name) {
        Object value = VALUES.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no golden value named " + name);
        }
        return value;
    }

    private static Map<String, Object> values() {
        Map<String, Object> v = new TreeMap<>();
        v.put("MetadataEntry.CatalogDdl", new CatalogDdl(Bytes.fromHex("010203")));
        v.put("MetadataEntry.CatalogDdlAudited", new MetadataEntry.CatalogDdlAudited(Bytes.fromHex("c0ffee"), "u-1",
                "zo\u00eb", "CREATE TABLE accounts (id BIGINT)"));
        v.put("MetadataEntry.Batch", Batch.of(new SurrogateAlloc(7), Batch.of(new CatalogDdl(Bytes.empty())),
                new ClusterVersionBump(1, 2)));
        v.put("TopologyChange.Join", new TopologyChange.Join(300, "127.0.0.1:9400"));
        v.put("TopologyChange.Leave", new TopologyChange.Leave(-1L));
        v.put("TopologyChange.PromoteToVoter", new TopologyChange.PromoteToVoter(128));
        v.put("TopologyChange.StartDecommission", new TopologyChange.StartDecommission(65536));
        v.put("TopologyChange.FinishDecommission", new TopologyChange.FinishDecommission(1L << 32));
        v.put("RoutingChange.ReassignVShard", new RoutingChange.ReassignVShard(1023, 5, 3));
        v.put("RoutingChange.LeadershipTransfer", new RoutingChange.LeadershipTransfer(7, 2));
        v.put("RoutingChange.RemoveMember", new RoutingChange.RemoveMember(7, 9));
        v.put("MetadataEntry.ClusterVersionBump", new ClusterVersionBump(255, 65535));
        v.put("MetadataEntry.DescriptorLeaseGrant", new MetadataEntry.DescriptorLeaseGrant(new DescriptorLease(
                new DescriptorId(1, DescriptorKind.COLLECTION, "users"), 42, 3, new Hlc(1_000_000_000L, 5))));
        List<DescriptorId> oneOfEachKind = new ArrayList<>();
        for (DescriptorKind kind : DescriptorKind.values()) { // declaration order is the code order of the doc
            oneOfEachKind.add(new DescriptorId(0, kind, String.valueOf((char) ('a' + oneOfEachKind.size()))));
        }
        v.put("MetadataEntry.DescriptorLeaseRelease", new MetadataEntry.DescriptorLeaseRelease(3, oneOfEachKind));
        v.put("MetadataEntry.DescriptorDrainStart", new MetadataEntry.DescriptorDrainStart(
                new DescriptorId(0xFFFF_FFFFL, DescriptorKind.INDEX, "idx_users_email"), 7,
                new Hlc(Long.MIN_VALUE, 0xFFFF_FFFFL)));
        v.put("MetadataEntry.DescriptorDrainEnd", new MetadataEntry.DescriptorDrainEnd(
                new DescriptorId(2, DescriptorKind.AUDIT_RETENTION, "r")));
        v.put("MetadataEntry.CaTrustChange", new CaTrustChange(Optional.of(CERT), Optional.empty()));
        v.put("MetadataEntry.CaTrustChange.remove-only", new CaTrustChange(Optional.empty(), Optional.of(FINGERPRINT)));
        v.put("MetadataEntry.CaTrustChange.both", new CaTrustChange(Optional.of(CERT), Optional.of(FINGERPRINT)));
        v.put("MetadataEntry.SurrogateAlloc", new SurrogateAlloc(1000));
        v.put("MetadataEntry.JoinTokenTransition", new JoinTokenTransition(TOKEN_HASH,
                new JoinTokenTransitionKind.Register(1_700_000_600_000L), 1_700_000_000_000L));
        v.put("JoinTokenTransitionKind.Register", token(new JoinTokenTransitionKind.Register(2000)));
        v.put("JoinTokenTransitionKind.BeginInFlight", token(new JoinTokenTransitionKind.BeginInFlight(NODE_ADDR)));
        v.put("JoinTokenTransitionKind.MarkConsumed", token(new JoinTokenTransitionKind.MarkConsumed(NODE_ADDR)));
        v.put("JoinTokenTransitionKind.RevertInFlight", token(new JoinTokenTransitionKind.RevertInFlight()));
        v.put("JoinTokenTransitionKind.MarkExpired", token(new JoinTokenTransitionKind.MarkExpired()));
        v.put("JoinTokenTransitionKind.MarkAborted", token(new JoinTokenTransitionKind.MarkAborted()));
        v.put("MigrationCheckpointPayload.AddLearner", checkpoint(new MigrationCheckpointPayload.AddLearner(
                17, 1, 4, 2, 250_000, new Hlc(1_000_000_000L, 0)), 0x4ad1a4deL));
        v.put("MigrationCheckpointPayload.CatchUp", checkpoint(new MigrationCheckpointPayload.CatchUp(17, 12345),
                0xbc028ba0L));
        v.put("MigrationCheckpointPayload.PromoteLearner", checkpoint(
                new MigrationCheckpointPayload.PromoteLearner(17, 4, 2), 0x5cc70becL));
        v.put("MigrationCheckpointPayload.LeadershipTransfer", checkpoint(
                new MigrationCheckpointPayload.LeadershipTransfer(17, true, 4, 2), 0x0b5224fbL));
        v.put("MigrationCheckpointPayload.Cutover", checkpoint(new MigrationCheckpointPayload.Cutover(17, 4, 2),
                0x9882199eL));
        v.put("MigrationCheckpointPayload.Complete", checkpoint(new MigrationCheckpointPayload.Complete(17, 1800, true),
                0x39bddeb1L));
        v.put("MetadataEntry.MigrationCheckpoint", new MigrationCheckpoint(MIGRATION_ID, MigrationPhase.COMPLETE, 70000,
                new MigrationCheckpointPayload.Complete(17, 1800, true), 0x39bddeb1L, 1_700_000_000_000L));
        v.put("Compensation.RemoveLearner", abort(new Compensation.RemoveLearner(5, 4)));
        v.put("Compensation.RemoveVoter", abort(new Compensation.RemoveVoter(5, 4)));
        v.put("Compensation.RestoreLeaderHint", abort(new Compensation.RestoreLeaderHint(5, 1)));
        v.put("Compensation.RemoveGhostStub", abort(new Compensation.RemoveGhostStub(17)));
        v.put("MetadataEntry.MigrationAbort", new MigrationAbort(MIGRATION_ID, "operator", List.of(
                new Compensation.RemoveLearner(5, 4), new Compensation.RemoveVoter(5, 4),
                new Compensation.RestoreLeaderHint(5, 1), new Compensation.RemoveGhostStub(17))));
        v.put("LogRecord.multi-proposal", new LogRecord(new Hlc(1_700_000_000_000_000_000L, 3), List.of(
                new Proposal(new IdempotencyKey(-1L, 1), new SurrogateAlloc(1024)),
                new Proposal(new IdempotencyKey(7, Long.MIN_VALUE), new TopologyChange.Leave(5)),
                new Proposal(new IdempotencyKey(7, 3), Batch.of(new CatalogDdl(Bytes.fromHex("01")))))));
        return v;
    }

    private static JoinTokenTransition token(JoinTokenTransitionKind transition) {
        return new JoinTokenTransition(TOKEN_HASH, transition, 1000);
    }

    private static MigrationCheckpoint checkpoint(MigrationCheckpointPayload payload, long crc32c) {
        return new MigrationCheckpoint(MIGRATION_ID, payload.phase(), 1, payload, crc32c, 1000);
    }

    private static MigrationAbort abort(Compensation compensation) {
        return new MigrationAbort(MIGRATION_ID, "timeout", List.of(compensation));
    }
}
