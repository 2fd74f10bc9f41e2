package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry;
import io.metagroup.testkit.ModelArbitraries;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random, truncated and mutated bytes only ever make decoding fail with a CodecException: never another exception,
 * an Error, or a hang. The module runs its tests with a 64 MiB heap, so a decoder that trusted a declared length
 * would fail here with an OutOfMemoryError.
 */
class HostileBytesPropertyTest {
    private final EntryCodec codec = new EntryCodec();

    @Property(tries = 2000)
    void randomBytesFailCleanly(@ForAll @Size(max = 64) byte[] bytes) {
        Wire.decodesOrFailsCleanly(codec, bytes);
    }

    @Property(tries = 3000)
    void randomBodiesInAValidEnvelopeFailCleanly(@ForAll("bodies") byte[] body) {
        Wire.decodesOrFailsCleanly(codec, Wire.envelope(Wire.ENTRY, body));
        Wire.decodesOrFailsCleanly(codec, Wire.envelope(Wire.RECORD, body));
    }

    @Property(tries = 1000)
    void everyTruncationIsReportedAsTruncated(@ForAll("entries") MetadataEntry entry, @ForAll @IntRange(min = 1, max = 1 << 20) int cut)
            throws CodecException {
        byte[] bytes = codec.encodeEntry(entry);
        byte[] prefix = Arrays.copyOf(bytes, cut % bytes.length);
        assertThat(Wire.entryFailure(codec, prefix, CodecException.Kind.TRUNCATED).offset()).isBetween(0L, (long) prefix.length);

        // the same prefix of the body with a header that agrees with it: MessagePack is prefix-free, so still truncated
        byte[] body = Wire.body(bytes);
        Wire.entryFailure(codec, Wire.envelope(Wire.ENTRY, Arrays.copyOf(body, cut % body.length)), CodecException.Kind.TRUNCATED);
    }

    @Property(tries = 3000)
    void mutatedBodiesFailCleanlyOrDecodeToAStableEntry(@ForAll("entries") MetadataEntry entry,
                                                          @ForAll("mutations") List<int[]> mutations) throws CodecException {
        byte[] body = Wire.body(codec.encodeEntry(entry));
        for (int[] mutation : mutations) {
            body[Math.floorMod(mutation[0], body.length)] = (byte) mutation[1];
        }
        byte[] bytes = Wire.envelope(Wire.ENTRY, body);
        Wire.decodesOrFailsCleanly(codec, bytes);
        MetadataEntry decoded = decodeOrNull(bytes);
        if (decoded != null) {
            Wire.stable(codec, decoded);
        }
    }

    @Property(tries = 1000)
    void bytesInsertedOrRemovedFailCleanly(@ForAll("entries") MetadataEntry entry, @ForAll int position,
                                           @ForAll @Size(max = 8) byte[] inserted, @ForAll @IntRange(max = 8) int removed)
            throws CodecException {
        byte[] body = Wire.body(codec.encodeEntry(entry));
        int at = Math.floorMod(position, body.length);
        int cut = Math.min(removed, body.length - at);
        byte[] changed = new byte[body.length - cut + inserted.length];
        System.arraycopy(body, 0, changed, 0, at);
        System.arraycopy(inserted, 0, changed, at, inserted.length);
        System.arraycopy(body, at + cut, changed, at + inserted.length, body.length - at - cut);
        Wire.decodesOrFailsCleanly(codec, Wire.envelope(Wire.ENTRY, changed));
    }

    private MetadataEntry decodeOrNull(byte[] bytes) {
        try {
            return codec.decodeEntry(bytes);
        } catch (CodecException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<MetadataEntry> entries() {
        return ModelArbitraries.entry();
    }

    /** Bodies that look like MessagePack often: array headers, tags, length headers of every width. */
    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<Byte> likely = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x90, 0x9F).map(Integer::byteValue)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 16).map(Integer::byteValue)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 0xC4, (byte) 0xC5, (byte) 0xC6, (byte) 0xD9,
                        (byte) 0xDA, (byte) 0xDB, (byte) 0xDC, (byte) 0xDD, (byte) 0xDE, (byte) 0xDF, (byte) 0xCF,
                        (byte) 0xCE, (byte) 0xD3, (byte) 0xC0, (byte) 0xC1, (byte) 0xFF)));
        return likely.list().ofMaxSize(96).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
    }

    /** One to four (position, new byte value) pairs. */
    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = net.jqwik.api.Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255))
                .as((position, value) -> new int[] {position, value});
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
