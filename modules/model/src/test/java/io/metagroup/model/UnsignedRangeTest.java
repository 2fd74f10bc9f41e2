package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unsigned 32- and 16-bit fields accept exactly their range and refuse values outside it, naming the field. */
class UnsignedRangeTest {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    static Stream<Arguments> u32Fields() {
        return Stream.of(
                u32("hlc.logical", v -> new Hlc(0, v)),
                u32("descriptorId.tenantId", v -> new DescriptorId(v, DescriptorKind.COLLECTION, "t")),
                u32("surrogateAlloc.hwm", MetadataEntry.SurrogateAlloc::new),
                u32("reassignVShard.vshardId", v -> new RoutingChange.ReassignVShard(v, 1, 1)),
                u32("removeGhostStub.vshardId", Compensation.RemoveGhostStub::new),
                u32("addLearner.vshardId", v -> new MigrationCheckpointPayload.AddLearner(v, 1, 1, 1, 1, Hlc.ZERO)),
                u32("catchUp.vshardId", v -> new MigrationCheckpointPayload.CatchUp(v, 1)),
                u32("promoteLearner.vshardId", v -> new MigrationCheckpointPayload.PromoteLearner(v, 1, 1)),
                u32("leadershipTransfer.vshardId", v -> new MigrationCheckpointPayload.LeadershipTransfer(v, true, 1, 1)),
                u32("cutover.vshardId", v -> new MigrationCheckpointPayload.Cutover(v, 1, 1)),
                u32("complete.vshardId", v -> new MigrationCheckpointPayload.Complete(v, 1, true)),
                u32("migrationCheckpoint.attempt", v -> checkpoint(v, 0)),
                u32("migrationCheckpoint.crc32c", v -> checkpoint(0, v)));
    }

    private static Object checkpoint(long attempt, long crc) {
        return new MetadataEntry.MigrationCheckpoint("123e4567-e89b-12d3-a456-426614174000", MigrationPhase.CATCH_UP,
                attempt, new MigrationCheckpointPayload.CatchUp(1, 1), crc, 0);
    }

    private static Arguments u32(String field, LongFunction<Object> construct) {
        return Arguments.of(field, construct);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("u32Fields")
    void u32FieldsTakeZeroTo2To32Minus1(String field, LongFunction<Object> construct) {
        assertThatCode(() -> construct.apply(0)).doesNotThrowAnyException();
        assertThatCode(() -> construct.apply(U32_MAX)).doesNotThrowAnyException();
        for (long bad : new long[] {-1, U32_MAX + 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> construct.apply(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(field).hasMessageContaining(Long.toString(bad));
        }
    }

    @ParameterizedTest(name = "from {0} to {1}")
    @org.junit.jupiter.params.provider.CsvSource({"-1, 1, clusterVersionBump.from", "0, 65536, clusterVersionBump.to",
            "65536, 70000, clusterVersionBump.from"})
    void u16FieldsTakeZeroTo65535(int from, int to, String field) {
        assertThatThrownBy(() -> new MetadataEntry.ClusterVersionBump(from, to))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
        assertThatCode(() -> new MetadataEntry.ClusterVersionBump(0, 65535)).doesNotThrowAnyException();
    }
}
