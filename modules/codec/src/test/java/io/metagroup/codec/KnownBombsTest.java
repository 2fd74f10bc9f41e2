package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.BAD_MARKER;
import static io.metagroup.codec.CodecException.Kind.OVERSIZED;
import static io.metagroup.codec.CodecException.Kind.TOO_DEEP;
import static io.metagroup.codec.CodecException.Kind.TRUNCATED;
import static io.metagroup.codec.CodecException.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Inputs known to break lenient MessagePack readers: declared sizes far beyond the input (an allocation bomb under
 * this module's 64 MiB heap), and deep nesting (a stack overflow for a recursive reader). Each is a clean
 * CodecException.
 */
class KnownBombsTest {
    private static final byte[] MAP32_BOMB = Wire.hex("df 31 31 09 09"); // unpackValue() runs out of memory on it

    private final EntryCodec codec = new EntryCodec();

    @Test
    void map32BombIsNotAnEnvelope() {
        Wire.entryFailure(codec, MAP32_BOMB, BAD_MARKER);
        Wire.recordFailure(codec, MAP32_BOMB, BAD_MARKER);
    }

    @Test
    void map32BombAsABodyIsTheWrongType() {
        assertThat(Wire.entryFailure(codec, Wire.envelope(Wire.ENTRY, MAP32_BOMB), WRONG_TYPE).offset()).isEqualTo(9);
        Wire.recordFailure(codec, Wire.envelope(Wire.RECORD, MAP32_BOMB), WRONG_TYPE);
    }

    @Test
    void hundredThousandNestedArraysAreRefusedWithoutRecursion() {
        byte[] nested = new byte[100_000];
        Arrays.fill(nested, (byte) 0x91);
        Wire.entryFailure(codec, nested, BAD_MARKER);
        Wire.entryFailure(codec, Wire.envelope(Wire.ENTRY, nested), WRONG_TYPE);
        Wire.recordFailure(codec, Wire.envelope(Wire.RECORD, nested), WRONG_TYPE);
    }

    @Test
    void hundredThousandNestedBatchesStopAtTheDepthLimit() {
        byte[] level = Wire.hex("92 03 91"); // [tag 3 = Batch, entries: array of 1, ...
        byte[] body = new byte[level.length * 100_000];
        for (int i = 0; i < 100_000; i++) {
            System.arraycopy(level, 0, body, i * level.length, level.length);
        }
        CodecException e = Wire.entryFailure(codec, Wire.envelope(Wire.ENTRY, body), TOO_DEEP);
        assertThat(e.offset()).as("the ninth Batch starts after eight levels").isEqualTo(9 + 8 * level.length);
    }

    @Test
    void binaryDeclaringFourGigabytesIsOversized() {
        Wire.entryFailure(codec, Wire.entry("92 01 c6 ff ff ff ff"), OVERSIZED);
    }

    @Test
    void binaryDeclaringMoreThanTheInputIsTruncated() {
        Wire.entryFailure(codec, Wire.entry("92 01 c6 00 0f ff ff 01 02"), TRUNCATED);
    }

    @Test
    void stringDeclaringFourGigabytesIsOversized() {
        Wire.entryFailure(codec, Wire.entry("95 02 c4 00 db ff ff ff ff"), OVERSIZED);
    }

    @Test
    void arraysDeclaringBillionsOfElementsAreOversized() {
        Wire.entryFailure(codec, Wire.entry("92 03 dd ff ff ff ff"), OVERSIZED);
        Wire.recordFailure(codec, Wire.record("92 92 00 00 dd 7f ff ff ff"), OVERSIZED);
    }

    @Test
    void arrayDeclaringMoreElementsThanBytesLeftIsTruncated() {
        Wire.entryFailure(codec, Wire.entry("92 03 dc 27 10 92 0c 01"), TRUNCATED); // 10 000 entries declared
    }

    @Test
    void taggedArrayDeclaringBillionsOfFieldsIsTheWrongType() {
        Wire.entryFailure(codec, Wire.entry("dd ff ff ff ff 01"), WRONG_TYPE);
    }

    @Test
    void envelopeDeclaringFourGigabytesIsOversized() {
        Wire.entryFailure(codec, Wire.hex("4d 47 00 01 02 ff ff ff ff 92 0c 01"), OVERSIZED);
    }
}
