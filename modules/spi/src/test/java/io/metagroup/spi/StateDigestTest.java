package io.metagroup.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StateDigestTest {

    @Test
    void isTheSha256OfWhatTheEncodingWrites() {
        // FIPS 180-2 test vector: SHA-256("abc")
        Sha256 digest = StateDigest.of(out -> {
            out.write('a');
            out.write("bc".getBytes(StandardCharsets.US_ASCII));
        });

        assertThat(digest.toHex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aFailingEncodingIsReported() {
        assertThatThrownBy(() -> StateDigest.of(out -> {
            throw new IOException("boom");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("encoding the state for its digest failed");
    }
}
