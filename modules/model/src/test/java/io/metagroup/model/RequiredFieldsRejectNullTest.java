package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every constructor refuses a null field with a NullPointerException that names the field. */
class RequiredFieldsRejectNullTest {
    private static final DescriptorId ID = new DescriptorId(1, DescriptorKind.COLLECTION, "t");

    static Stream<Arguments> constructions() {
        return Stream.of(
                of("descriptorId.kind", () -> new DescriptorId(1, null, "t")),
                of("descriptorId.name", () -> new DescriptorId(1, DescriptorKind.COLLECTION, null)),
                of("lease.descriptorId", () -> new DescriptorLease(null, 1, 1, Hlc.ZERO)),
                of("lease.expiresAt", () -> new DescriptorLease(ID, 1, 1, null)),
                of("logRecord.leaderHlc", () -> new LogRecord(null, List.of(proposal()))),
                of("logRecord.proposals", () -> new LogRecord(Hlc.ZERO, null)),
                of("logRecord.proposals[1]", () -> new LogRecord(Hlc.ZERO, java.util.Arrays.asList(proposal(), null))),
                of("proposal.key", () -> new Proposal(null, new MetadataEntry.SurrogateAlloc(1))),
                of("proposal.entry", () -> new Proposal(new IdempotencyKey(1, 1), null)),
                of("sha256", () -> new Sha256(null)),
                of("catalogDdl.payload", () -> new MetadataEntry.CatalogDdl(null)),
                of("catalogDdlAudited.payload", () -> new MetadataEntry.CatalogDdlAudited(null, "u", "n", "s")),
                of("catalogDdlAudited.authUserId", () -> new MetadataEntry.CatalogDdlAudited(Bytes.empty(), null, "n", "s")),
                of("catalogDdlAudited.authUserName", () -> new MetadataEntry.CatalogDdlAudited(Bytes.empty(), "u", null, "s")),
                of("catalogDdlAudited.sqlText", () -> new MetadataEntry.CatalogDdlAudited(Bytes.empty(), "u", "n", null)),
                of("batch.entries", () -> new MetadataEntry.Batch(null)),
                of("batch.entries[0]", () -> new MetadataEntry.Batch(java.util.Arrays.asList((MetadataEntry) null))),
                of("descriptorLeaseGrant.lease", () -> new MetadataEntry.DescriptorLeaseGrant(null)),
                of("descriptorLeaseRelease.descriptorIds", () -> new MetadataEntry.DescriptorLeaseRelease(1, null)),
                of("descriptorDrainStart.descriptorId", () -> new MetadataEntry.DescriptorDrainStart(null, 1, Hlc.ZERO)),
                of("descriptorDrainStart.expiresAt", () -> new MetadataEntry.DescriptorDrainStart(ID, 1, null)),
                of("descriptorDrainEnd.descriptorId", () -> new MetadataEntry.DescriptorDrainEnd(null)),
                of("caTrustChange.addCaCert", () -> new MetadataEntry.CaTrustChange(null, Optional.empty())),
                of("caTrustChange.removeCaFingerprint", () -> new MetadataEntry.CaTrustChange(Optional.empty(), null)),
                of("joinTokenTransition.tokenHash", () -> new MetadataEntry.JoinTokenTransition(null,
                        new JoinTokenTransitionKind.MarkExpired(), 1)),
                of("joinTokenTransition.transition", () -> new MetadataEntry.JoinTokenTransition(hash(), null, 1)),
                of("migrationCheckpoint.migrationId", () -> new MetadataEntry.MigrationCheckpoint(null,
                        MigrationPhase.CATCH_UP, 1, new MigrationCheckpointPayload.CatchUp(1, 1), 0, 0)),
                of("migrationCheckpoint.phase", () -> new MetadataEntry.MigrationCheckpoint(UUID, null, 1,
                        new MigrationCheckpointPayload.CatchUp(1, 1), 0, 0)),
                of("migrationCheckpoint.payload", () -> new MetadataEntry.MigrationCheckpoint(UUID,
                        MigrationPhase.CATCH_UP, 1, null, 0, 0)),
                of("migrationAbort.migrationId", () -> new MetadataEntry.MigrationAbort(null, "r", List.of())),
                of("migrationAbort.reason", () -> new MetadataEntry.MigrationAbort(UUID, null, List.of())),
                of("migrationAbort.compensations", () -> new MetadataEntry.MigrationAbort(UUID, "r", null)),
                of("join.addr", () -> new TopologyChange.Join(1, null)),
                of("beginInFlight.nodeAddr", () -> new JoinTokenTransitionKind.BeginInFlight(null)),
                of("markConsumed.nodeAddr", () -> new JoinTokenTransitionKind.MarkConsumed(null)),
                of("addLearner.startedAtHlc", () -> new MigrationCheckpointPayload.AddLearner(1, 1, 1, 1, 1, null)),
                of("data", () -> Bytes.of(null)),
                of("hex", () -> Bytes.fromHex(null)));
    }

    private static final String UUID = "123e4567-e89b-12d3-a456-426614174000";

    private static Arguments of(String field, Executable construction) {
        return Arguments.of(field, construction);
    }

    private static Proposal proposal() {
        return new Proposal(new IdempotencyKey(1, 1), new MetadataEntry.SurrogateAlloc(1));
    }

    private static Sha256 hash() {
        return Sha256.of(new byte[32]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructions")
    void nullIsRefusedNamingTheField(String field, Executable construction) {
        assertThatThrownBy(construction::execute).isInstanceOf(NullPointerException.class).hasMessageContaining(field);
    }
}
