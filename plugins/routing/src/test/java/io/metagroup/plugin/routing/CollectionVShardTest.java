package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectionVShardTest {

    /** Vectors from the FNV reference (FNV-1a, 32-bit). */
    @ParameterizedTest
    @CsvSource({
        "'', 811c9dc5",
        "a, e40c292c",
        "b, e70c2de5",
        "foobar, bf9cf968",
    })
    void fnv1a32MatchesTheReferenceVectors(String text, String hex) {
        assertThat(RoutingTable.fnv1a32(text.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Integer.parseUnsignedInt(hex, 16));
    }

    @Test
    void theVShardIsTheUnsignedHashModulo1024() {
        assertThat(RoutingTable.vshardOf("foobar")).isEqualTo(0xbf9cf968 & 0x3FF).isEqualTo(360);
        assertThat(RoutingTable.vshardOf("")).isEqualTo(0x1c5);
    }

    @Test
    void theNameIsHashedAsUtf8() {
        int hash = RoutingTable.fnv1a32(new byte[] {(byte) 0xC3, (byte) 0xA9});

        assertThat(RoutingTable.vshardOf("é")).isEqualTo(Integer.remainderUnsigned(hash, 1024));
    }

    @Test
    void everyNameMapsIntoTheVShardRange() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(RoutingTable.vshardOf("collection_" + i)).isBetween(0, RoutingTable.VSHARD_COUNT - 1);
        }
    }
}
