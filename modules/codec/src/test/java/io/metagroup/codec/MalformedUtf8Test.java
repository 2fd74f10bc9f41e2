package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.INVALID_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.TopologyChange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Strings must be well-formed UTF-8: malformed bytes are reported, never replaced with U+FFFD. */
class MalformedUtf8Test {
    private final EntryCodec codec = new EntryCodec();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "a2 c0 80",          // overlong NUL
            "a3 e0 80 80",       // overlong
            "a3 ed a0 80",       // an encoded surrogate (CESU-8)
            "a2 e2 82",          // a sequence cut short
            "a1 ff",             // a byte that never appears in UTF-8
            "a1 80",             // a lone continuation byte
            "a4 f4 90 80 80",    // above U+10FFFF
            "a5 f8 88 80 80 80"  // a five-byte form
    })
    void malformedBytesAreInvalid(String addr) {
        CodecException e = Wire.entryFailure(codec, Wire.entry("92 04 93 01 01 " + addr), INVALID_VALUE);
        assertThat(e.getMessage()).contains("join.addr").contains("UTF-8");
        assertThat(e.offset()).isEqualTo(9 + 5);
    }

    @Test
    void wellFormedMultiByteTextDecodes() throws CodecException {
        // "é€😀": 2-, 3- and 4-byte forms
        assertThat(codec.decodeEntry(Wire.entry("92 04 93 01 01 a9 c3 a9 e2 82 ac f0 9f 98 80")))
                .isEqualTo(new TopologyChange.Join(1, "\u00e9\u20ac\ud83d\ude00"));
    }
}
