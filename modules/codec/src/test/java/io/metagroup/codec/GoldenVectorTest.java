package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec reads every hand-written vector as its value, and writes every value as exactly its vector. */
class GoldenVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private final EntryCodec codec = new EntryCodec();

    static List<String> vectors() {
        return GoldenVectors.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToItsValue(String name) throws CodecException {
        byte[] bytes = GoldenVectors.bytes(name);
        Object expected = GoldenValues.of(name);
        Object decoded = expected instanceof LogRecord ? codec.decodeRecord(bytes) : codec.decodeEntry(bytes);
        assertThat(decoded).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesToItsBytes(String name) throws CodecException {
        Object value = GoldenValues.of(name);
        byte[] encoded = value instanceof LogRecord record ? codec.encodeRecord(record)
                : codec.encodeEntry((MetadataEntry) value);
        assertThat(HEX.formatHex(encoded)).isEqualTo(HEX.formatHex(GoldenVectors.bytes(name)));
    }

    @Test
    void everyValueHasAVectorAndEveryVectorAValue() {
        assertThat(GoldenVectors.names()).containsExactlyInAnyOrderElementsOf(GoldenValues.all().keySet());
    }
}
