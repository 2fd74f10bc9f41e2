package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code payloadCrc32c} is CRC-32C (Castagnoli) over {@code encodePayload}, and {@code encodePayload} is the bare
 * payload array exactly as it stands inside the checkpoint's golden vector.
 */
class CheckpointCrcTest {
    private final EntryCodec codec = new EntryCodec();

    static List<String> checkpointVectors() {
        return GoldenValues.all().entrySet().stream()
                .filter(e -> e.getValue() instanceof MigrationCheckpoint)
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    @Test
    void referenceImplementationGivesTheStandardCheckValue() {
        assertThat(referenceCrc32c("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xE3069283L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpointVectors")
    void crcOfThePayloadEncodingMatchesTheVector(String name) throws CodecException {
        MigrationCheckpoint checkpoint = (MigrationCheckpoint) GoldenValues.of(name);
        byte[] payload = codec.encodePayload(checkpoint.payload());

        assertThat(indexOf(GoldenVectors.bytes(name), payload)).as("payload bytes inside the vector").isPositive();
        assertThat(codec.payloadCrc32c(checkpoint.payload()))
                .isEqualTo(referenceCrc32c(payload))
                .isEqualTo(checkpoint.crc32c());
    }

    /** Bit-by-bit CRC-32C (reflected polynomial 0x82F63B78), independent of java.util.zip. */
    static long referenceCrc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc & 0xFFFF_FFFFL;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
