package io.metagroup.plugin.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.plugin.migration.MigrationRow;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every row, whatever its phase and field values, decodes from its stored bytes to itself; any single damaged
 * byte, and any truncation, is detected rather than decoded into another row.
 */
class RowCodecRoundTripTest {

    @Property(tries = 300)
    void aRowDecodesToItself(@ForAll("rows") MigrationRow row) throws IOException {
        assertThat(RowCodec.decode(RowCodec.encode(row))).isEqualTo(row);
    }

    @Property(tries = 300)
    void aDamagedByteIsDetected(@ForAll("rows") MigrationRow row, @ForAll int position, @ForAll byte mask) {
        byte[] bytes = RowCodec.encode(row);
        int at = Math.floorMod(position, bytes.length);
        bytes[at] ^= mask == 0 ? 1 : mask;
        assertThatThrownBy(() -> RowCodec.decode(bytes)).isInstanceOf(IOException.class);
    }

    @Property(tries = 100)
    void aTruncatedRowIsDetected(@ForAll("rows") MigrationRow row, @ForAll int cut) {
        byte[] bytes = RowCodec.encode(row);
        byte[] shorter = Arrays.copyOf(bytes, Math.floorMod(cut, bytes.length));
        assertThatThrownBy(() -> RowCodec.decode(shorter)).isInstanceOf(IOException.class);
    }

    @Provide
    Arbitrary<MigrationRow> rows() {
        Arbitrary<String> ids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()).toString());
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<Long> any = Arbitraries.longs();
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<MigrationCheckpointPayload.AddLearner> addLearner = Combinators.combine(u32, any, any, any, any, any, u32)
                .as((v, s, t, g, b, w, l) -> new MigrationCheckpointPayload.AddLearner(v, s, t, g, b, new Hlc(w, l)));
        Arbitrary<MigrationCheckpointPayload> payloads = Arbitraries.oneOf(
                addLearner.map(p -> p),
                Combinators.combine(u32, any).as(MigrationCheckpointPayload.CatchUp::new),
                Combinators.combine(u32, any, any).as(MigrationCheckpointPayload.PromoteLearner::new),
                Combinators.combine(u32, flag, any, any).as(MigrationCheckpointPayload.LeadershipTransfer::new),
                Combinators.combine(u32, any, any).as(MigrationCheckpointPayload.Cutover::new),
                Combinators.combine(u32, any, flag).as(MigrationCheckpointPayload.Complete::new));
        Arbitrary<MigrationCheckpoint> checkpoints = Combinators.combine(ids, payloads, u32, u32, any)
                .as((id, p, attempt, crc, ts) -> new MigrationCheckpoint(id, p.phase(), attempt, p, crc, ts));
        return Combinators.combine(checkpoints, addLearner.optional()).as((c, origin) ->
                c.payload() instanceof MigrationCheckpointPayload.AddLearner a
                        ? new MigrationRow(c, Optional.of(a))
                        : new MigrationRow(c, origin));
    }
}
