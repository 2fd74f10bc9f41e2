package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.BAD_MARKER;
import static io.metagroup.codec.CodecException.Kind.OVERSIZED;
import static io.metagroup.codec.CodecException.Kind.TRAILING_BYTES;
import static io.metagroup.codec.CodecException.Kind.TRUNCATED;
import static io.metagroup.codec.CodecException.Kind.UNKNOWN_TAG;
import static io.metagroup.codec.CodecException.Kind.UNKNOWN_VERSION;
import static io.metagroup.codec.CodecException.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import org.junit.jupiter.api.Test;

/** The envelope's checks run in the documented order and name what they found (section 1 of the doc). */
class EnvelopeTest {
    private static final String SURROGATE_ALLOC_BODY = "92 0c cd 03 e8";

    private final EntryCodec codec = new EntryCodec();

    @Test
    void emptyInputIsTruncated() {
        assertThat(Wire.entryFailure(codec, new byte[0], TRUNCATED).offset()).isZero();
    }

    @Test
    void aWrongMarkerNamesTheFirstDifferingByte() {
        assertThat(Wire.entryFailure(codec, Wire.hex("00"), BAD_MARKER).offset()).isZero();
        CodecException e = Wire.entryFailure(codec, Wire.hex("4d 48 00 01 02 00 00 00 00"), BAD_MARKER);
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.getMessage()).contains("4d 47");
    }

    @Test
    void aMarkerPrefixIsTruncated() {
        Wire.entryFailure(codec, Wire.hex("4d"), TRUNCATED);
        Wire.entryFailure(codec, Wire.hex("4d 47 00"), TRUNCATED);
    }

    @Test
    void anUnknownVersionNamesTheVersionNeededBeforeAnythingElseIsChecked() {
        CodecException newer = Wire.recordFailure(codec, Wire.hex("4d 47 00 02"), UNKNOWN_VERSION);
        assertThat(newer.offset()).isEqualTo(2);
        assertThat(newer.getMessage()).contains("wire version 2").contains("reads wire version 1");
        CodecException older = Wire.entryFailure(codec, Wire.hex("4d 47 00 00 02 00 00 00 05" + SURROGATE_ALLOC_BODY),
                UNKNOWN_VERSION);
        assertThat(older.getMessage()).contains("wire version 0");
        Wire.entryFailure(codec, Wire.hex("4d 47 ff ff"), UNKNOWN_VERSION);
    }

    @Test
    void peekWireVersionReadsOnlyTheHeader() throws CodecException {
        assertThat(EntryCodec.peekWireVersion(Wire.hex("4d 47 01 02 ff"))).isEqualTo(0x0102);
        assertThat(EntryCodec.peekWireVersion(codec.encodeEntry(new SurrogateAlloc(1)))).isEqualTo(EntryCodec.WIRE_VERSION);
        assertThat(Wire.failure(() -> EntryCodec.peekWireVersion(Wire.hex("4d 47 00"))).kind()).isEqualTo(TRUNCATED);
        assertThat(Wire.failure(() -> EntryCodec.peekWireVersion(Wire.hex("00 47 00 01"))).kind()).isEqualTo(BAD_MARKER);
    }

    @Test
    void aHeaderCutShortIsTruncated() {
        Wire.entryFailure(codec, Wire.hex("4d 47 00 01 02 00 00"), TRUNCATED);
    }

    @Test
    void anUnknownBodyKindIsAnUnknownTag() {
        assertThat(Wire.entryFailure(codec, Wire.hex("4d 47 00 01 03 00 00 00 05" + SURROGATE_ALLOC_BODY), UNKNOWN_TAG)
                .offset()).isEqualTo(4);
    }

    @Test
    void aRecordIsNotASingleEntryNorTheOtherWayRound() {
        byte[] entry = Wire.entry(SURROGATE_ALLOC_BODY);
        assertThat(Wire.recordFailure(codec, entry, WRONG_TYPE).getMessage()).contains("single entry");
        byte[] record = Wire.envelope(Wire.RECORD, Wire.body(entry));
        assertThat(Wire.entryFailure(codec, record, WRONG_TYPE).getMessage()).contains("log record");
    }

    @Test
    void aBodyShorterThanDeclaredIsTruncated() {
        Wire.entryFailure(codec, Wire.hex("4d 47 00 01 02 00 00 00 06" + SURROGATE_ALLOC_BODY), TRUNCATED);
    }

    @Test
    void bytesAfterTheDeclaredBodyAreTrailing() {
        CodecException e = Wire.entryFailure(codec, Wire.hex("4d 47 00 01 02 00 00 00 05" + SURROGATE_ALLOC_BODY + "00"),
                TRAILING_BYTES);
        assertThat(e.offset()).isEqualTo(14);
    }

    @Test
    void aBodyAboveTheRecordLimitIsOversizedBeforeItIsRead() {
        EntryCodec small = new EntryCodec(new CodecLimits(4, 64, 64, 64, 8, 8, 2));
        Wire.entryFailure(small, Wire.entry(SURROGATE_ALLOC_BODY), OVERSIZED);
    }

    @Test
    void aValueEndingBeforeTheBodyDoesLeavesTrailingBytes() {
        CodecException e = Wire.entryFailure(codec, Wire.entry(SURROGATE_ALLOC_BODY + "c0 c0"), TRAILING_BYTES);
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.getMessage()).contains("2 bytes");
    }
}
