package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.UNKNOWN_TAG;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A tag or code outside the tables of the doc is UNKNOWN_TAG, naming the family and the value. */
class UnknownTagsTest {
    private static final String UUID = "c4 10 12 3e 45 67 e8 9b 12 d3 a4 56 42 66 14 17 40 00";
    private static final String HASH = "c4 20 " + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
            + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

    private final EntryCodec codec = new EntryCodec();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "entry tag 0                 | 91 00                                   | unknown entry tag 0",
            "entry tag 16                | 92 10 00                                | unknown entry tag 16",
            "entry tag 2^64-1            | 92 cf ff ff ff ff ff ff ff ff 00        | unknown entry tag 18446744073709551615",
            "topology sub-tag 6          | 92 04 92 06 01                          | unknown topology change tag 6",
            "routing sub-tag 4           | 92 05 93 04 01 01                       | unknown routing change tag 4",
            "descriptor kind 17          | 92 0a 93 00 11 a1 61                    | unknown descriptor kind code 17",
            "descriptor kind 0           | 92 0a 93 00 00 a1 61                    | unknown descriptor kind code 0",
            "join-token transition 7     | 94 0d " + HASH + " 91 07 00              | unknown join-token transition tag 7",
            "compensation 5              | 94 0f " + UUID + " a0 91 92 05 00        | unknown compensation tag 5",
            "migration phase 7           | 97 0e " + UUID + " 07 00 93 02 00 00 00 00 | unknown migration phase code 7",
            "checkpoint payload 0        | 97 0e " + UUID + " 02 00 93 00 00 00 00 00 | unknown checkpoint payload tag 0"})
    void unknownTagsAreNamed(String what, String body, String message) {
        assertThat(Wire.entryFailure(codec, Wire.entry(body), UNKNOWN_TAG).getMessage()).contains(message);
    }
}
