package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A SHA-256 value is exactly 32 bytes, from bytes or from 64 hex characters. */
class Sha256LengthTest {
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void otherLengthsAreRefused(int length) {
        assertThatThrownBy(() -> Sha256.of(new byte[length])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes").hasMessageContaining(Integer.toString(length));
    }

    @ParameterizedTest(name = "{0} hex characters")
    @ValueSource(ints = {62, 63, 65, 66})
    void hexOfAnotherLengthIsRefused(int length) {
        assertThatThrownBy(() -> Sha256.fromHex("a".repeat(length))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex characters");
    }

    @Test
    void thirtyTwoBytesRoundTripThroughHex() {
        String hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        Sha256 hash = Sha256.fromHex(hex.toUpperCase(java.util.Locale.ROOT));
        assertThat(hash.toHex()).isEqualTo(hex);
        assertThat(hash).isEqualTo(Sha256.of(Bytes.fromHex(hex).toByteArray()));
    }
}
