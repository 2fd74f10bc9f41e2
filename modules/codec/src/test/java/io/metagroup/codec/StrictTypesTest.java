package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A field accepts its own MessagePack type only: a string is never read as binary nor binary as a string (which
 * msgpack-core would otherwise allow), nil only where a field is optional, and never a map, float or extension.
 */
class StrictTypesTest {
    private final EntryCodec codec = new EntryCodec();

    @Test
    void aStringIsNotBinary() {
        assertThat(Wire.entryFailure(codec, Wire.entry("92 01 a3 01 02 03"), WRONG_TYPE).getMessage())
                .contains("catalogDdl.payload").contains("expected a binary, got string");
        Wire.entryFailure(codec, Wire.entry("92 01 d9 03 01 02 03"), WRONG_TYPE);
    }

    @Test
    void binaryIsNotAString() {
        assertThat(Wire.entryFailure(codec, Wire.entry("92 04 93 01 01 c4 01 61"), WRONG_TYPE).getMessage())
                .contains("join.addr").contains("expected a string, got binary");
    }

    @Test
    void nilIsOnlyForOptionalFields() {
        Wire.entryFailure(codec, Wire.entry("92 01 c0"), WRONG_TYPE);
        assertThat(Wire.entryFailure(codec, Wire.entry("92 0a c0"), WRONG_TYPE).getMessage())
                .contains("descriptorDrainEnd.descriptorId");
    }

    @Test
    void mapsAreNeverPartOfTheFormat() {
        Wire.entryFailure(codec, Wire.entry("81 01 02"), WRONG_TYPE);
        Wire.entryFailure(codec, Wire.entry("de 00 01 01 02"), WRONG_TYPE);
    }

    @Test
    void floatsExtensionsAndTheNeverUsedCodeAreRefused() {
        Wire.entryFailure(codec, Wire.entry("ca 00 00 00 00"), WRONG_TYPE);
        Wire.entryFailure(codec, Wire.entry("d4 01 00"), WRONG_TYPE);
        assertThat(Wire.entryFailure(codec, Wire.entry("c1"), WRONG_TYPE).getMessage()).contains("never-used");
        Wire.entryFailure(codec, Wire.entry("92 0c c1"), WRONG_TYPE);
    }

    @Test
    void aBooleanIsNotAnInteger() {
        Wire.entryFailure(codec, Wire.entry("92 0c c3"), WRONG_TYPE);
        assertThat(Wire.entryFailure(codec, Wire.entry(
                "97 0e c4 10 12 3e 45 67 e8 9b 12 d3 a4 56 42 66 14 17 40 00 06 01 94 06 11 00 01 00 00"), WRONG_TYPE)
                .getMessage()).contains("complete.ghostStubInstalled").contains("expected a boolean");
    }
}
