package io.metagroup.testkit;

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
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random valid values of every model type. Unsigned fields cover their whole range, edge values included (a u64
 * of 2^63 and above is a negative Java long); strings are valid Unicode, non-BMP characters included; lists are
 * short so that a property run stays fast. Every variant of every sealed family can come out.
 */
public final class ModelArbitraries {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private ModelArbitraries() {}

    /** Any u64, as the bits of a Java long. */
    public static Arbitrary<Long> u64() {
        return Arbitraries.longs();
    }

    /** Any u32: 0..2^32-1. */
    public static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, U32_MAX);
    }

    /** Any u16: 0..65535. */
    public static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    /** Valid Unicode text of {@code minCodePoints}..{@code maxCodePoints} code points, mostly ASCII. */
    public static Arbitrary<String> text(int minCodePoints, int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMinSize(minCodePoints).ofMaxSize(maxCodePoints)
                .map(points -> new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()));
    }

    /** Opaque bytes of {@code min}..{@code max} length. */
    public static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    public static Arbitrary<Sha256> sha256() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Sha256.LENGTH).map(Sha256::of);
    }

    /** A canonical lower-case hyphenated UUID, any 128 bits. */
    public static Arbitrary<String> uuid() {
        return Combinators.combine(u64(), u64()).as((most, least) -> new UUID(most, least).toString());
    }

    public static Arbitrary<Hlc> hlc() {
        return Combinators.combine(u64(), u32()).as(Hlc::new);
    }

    public static Arbitrary<IdempotencyKey> idempotencyKey() {
        return Combinators.combine(u64(), u64()).as(IdempotencyKey::new);
    }

    public static Arbitrary<DescriptorId> descriptorId() {
        return Combinators.combine(u32(), Arbitraries.of(DescriptorKind.class), text(1, 12)).as(DescriptorId::new);
    }

    public static Arbitrary<DescriptorLease> descriptorLease() {
        return Combinators.combine(descriptorId(), u64(), u64(), hlc()).as(DescriptorLease::new);
    }

    public static Arbitrary<TopologyChange> topologyChange() {
        return Arbitraries.oneOf(
                Combinators.combine(u64(), text(1, 24)).as(TopologyChange.Join::new),
                u64().map(TopologyChange.Leave::new),
                u64().map(TopologyChange.PromoteToVoter::new),
                u64().map(TopologyChange.StartDecommission::new),
                u64().map(TopologyChange.FinishDecommission::new));
    }

    public static Arbitrary<RoutingChange> routingChange() {
        return Arbitraries.oneOf(
                Combinators.combine(u32(), u64(), u64()).as(RoutingChange.ReassignVShard::new),
                Combinators.combine(u64(), u64()).as(RoutingChange.LeadershipTransfer::new),
                Combinators.combine(u64(), u64()).as(RoutingChange.RemoveMember::new));
    }

    public static Arbitrary<JoinTokenTransitionKind> joinTokenTransitionKind() {
        return Arbitraries.oneOf(
                u64().map(JoinTokenTransitionKind.Register::new),
                text(1, 24).map(JoinTokenTransitionKind.BeginInFlight::new),
                text(1, 24).map(JoinTokenTransitionKind.MarkConsumed::new),
                Arbitraries.just(new JoinTokenTransitionKind.RevertInFlight()),
                Arbitraries.just(new JoinTokenTransitionKind.MarkExpired()),
                Arbitraries.just(new JoinTokenTransitionKind.MarkAborted()));
    }

    public static Arbitrary<Compensation> compensation() {
        return Arbitraries.oneOf(
                Combinators.combine(u64(), u64()).as(Compensation.RemoveLearner::new),
                Combinators.combine(u64(), u64()).as(Compensation.RemoveVoter::new),
                Combinators.combine(u64(), u64()).as(Compensation.RestoreLeaderHint::new),
                u32().map(Compensation.RemoveGhostStub::new));
    }

    public static Arbitrary<MigrationCheckpointPayload> checkpointPayload() {
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                Combinators.combine(u32(), u64(), u64(), u64(), u64(), hlc())
                        .as(MigrationCheckpointPayload.AddLearner::new),
                Combinators.combine(u32(), u64()).as(MigrationCheckpointPayload.CatchUp::new),
                Combinators.combine(u32(), u64(), u64()).as(MigrationCheckpointPayload.PromoteLearner::new),
                Combinators.combine(u32(), bool, u64(), u64()).as(MigrationCheckpointPayload.LeadershipTransfer::new),
                Combinators.combine(u32(), u64(), u64()).as(MigrationCheckpointPayload.Cutover::new),
                Combinators.combine(u32(), u64(), bool).as(MigrationCheckpointPayload.Complete::new));
    }

    /** Every top-level variant except Batch. */
    public static Arbitrary<MetadataEntry> leafEntry() {
        Arbitrary<MetadataEntry.CaTrustChange> caTrustChange = Combinators
                .combine(bytes(1, 48).optional(), sha256().optional())
                .filter((cert, fingerprint) -> cert.isPresent() || fingerprint.isPresent())
                .as(MetadataEntry.CaTrustChange::new);
        Arbitrary<MetadataEntry.MigrationCheckpoint> checkpoint = Combinators
                .combine(uuid(), u32(), checkpointPayload(), u32(), u64())
                .as((id, attempt, payload, crc, ts) ->
                        new MetadataEntry.MigrationCheckpoint(id, payload.phase(), attempt, payload, crc, ts));
        Arbitrary<MetadataEntry.ClusterVersionBump> bump = u16().filter(v -> v < 0xFFFF)
                .flatMap(from -> Arbitraries.integers().between(from + 1, 0xFFFF)
                        .map(to -> new MetadataEntry.ClusterVersionBump(from, to)));
        return Arbitraries.oneOf(
                bytes(0, 48).map(MetadataEntry.CatalogDdl::new),
                Combinators.combine(bytes(0, 48), text(0, 12), text(0, 12), text(0, 80))
                        .as(MetadataEntry.CatalogDdlAudited::new),
                topologyChange().map(MetadataEntry.class::cast),
                routingChange().map(MetadataEntry.class::cast),
                bump.map(MetadataEntry.class::cast),
                descriptorLease().map(MetadataEntry.DescriptorLeaseGrant::new),
                Combinators.combine(u64(), descriptorId().list().ofMaxSize(4))
                        .as(MetadataEntry.DescriptorLeaseRelease::new),
                Combinators.combine(descriptorId(), u64(), hlc()).as(MetadataEntry.DescriptorDrainStart::new),
                descriptorId().map(MetadataEntry.DescriptorDrainEnd::new),
                caTrustChange.map(MetadataEntry.class::cast),
                u32().map(MetadataEntry.SurrogateAlloc::new),
                Combinators.combine(sha256(), joinTokenTransitionKind(), u64()).as(MetadataEntry.JoinTokenTransition::new),
                checkpoint.map(MetadataEntry.class::cast),
                Combinators.combine(uuid(), text(0, 24), compensation().list().ofMaxSize(4))
                        .as(MetadataEntry.MigrationAbort::new));
    }

    /** Any entry, Batches nested at most {@code maxBatchDepth} deep (a top-level Batch has depth 1). */
    public static Arbitrary<MetadataEntry> entry(int maxBatchDepth) {
        if (maxBatchDepth <= 0) {
            return leafEntry();
        }
        Arbitrary<MetadataEntry> batch = entry(maxBatchDepth - 1).list().ofMinSize(1).ofMaxSize(3)
                .map(MetadataEntry.Batch::new);
        return Arbitraries.frequencyOf(Tuple.of(5, leafEntry()), Tuple.of(1, batch));
    }

    /** Any entry, Batches nested at most 3 deep. */
    public static Arbitrary<MetadataEntry> entry() {
        return entry(3);
    }

    public static Arbitrary<Proposal> proposal() {
        return Combinators.combine(idempotencyKey(), entry()).as(Proposal::new);
    }

    /** A log record of 1..4 proposals. */
    public static Arbitrary<LogRecord> logRecord() {
        return Combinators.combine(hlc(), proposal().list().ofMinSize(1).ofMaxSize(4)).as(LogRecord::new);
    }
}
