package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Limits are positive, and the defaults are the ones the wire-format page documents. */
class CodecLimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(CodecLimits.DEFAULTS).isEqualTo(new CodecLimits(4_194_304, 65_536, 1_048_576, 1_048_576, 10_000, 4_096, 8));
        assertThat(new EntryCodec().limits()).isEqualTo(CodecLimits.DEFAULTS);
    }

    @Test
    void everyLimitMustBePositive() {
        assertThatThrownBy(() -> new CodecLimits(0, 1, 1, 1, 1, 1, 1)).hasMessageContaining("maxRecordBytes");
        assertThatThrownBy(() -> new CodecLimits(1, 1, 1, 1, 1, 1, 0)).hasMessageContaining("maxBatchDepth");
        assertThatThrownBy(() -> new CodecLimits(1, 1, 1, -1, 1, 1, 1)).hasMessageContaining("maxBinaryBytes");
    }

    @Test
    void aRecordLimitMustLeaveRoomForTheHeaderInAJavaArray() {
        assertThatThrownBy(() -> new CodecLimits(Integer.MAX_VALUE, 1, 1, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecordBytes");
    }
}
