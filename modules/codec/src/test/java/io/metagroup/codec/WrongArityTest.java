package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every tag has exactly one arity, every tuple one length: anything else is WRONG_TYPE naming the value. */
class WrongArityTest {
    private final EntryCodec codec = new EntryCodec();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an extra field              | 93 0c 01 02          | surrogateAlloc: must be an array of 2 elements (tag and 1 fields), got 3",
            "a missing field             | 92 06 01             | clusterVersionBump: must be an array of 3 elements (tag and 2 fields), got 2",
            "an empty entry              | 90                   | has 1 to 16 elements, got 0",
            "a topology change too long  | 92 04 93 02 01 01    | leave: must be an array of 2 elements",
            "a transition with a field   | 94 0d c4 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 92 04 00 00 | revertInFlight: must be an array of 1 elements",
            "an Hlc of three             | 94 09 93 00 01 a1 61 00 93 00 00 00 | descriptorDrainStart.expiresAt: must be an array of 2 elements, got 3",
            "a descriptor id of two      | 92 0a 92 00 01       | descriptorDrainEnd.descriptorId: must be an array of 3 elements, got 2"})
    void anotherArityIsTheWrongType(String what, String body, String message) {
        assertThat(Wire.entryFailure(codec, Wire.entry(body), WRONG_TYPE).getMessage()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a record of three           | 93 92 00 00 91 92 92 01 01 92 0c 01 c0 | logRecord: must be an array of 2 elements, got 3",
            "a proposal of one           | 92 92 00 00 91 91 92 0c 01             | proposals[0]: must be an array of 2 elements, got 1",
            "a key of three              | 92 92 00 00 91 92 93 01 01 01 92 0c 01 | proposals[0].key: must be an array of 2 elements, got 3"})
    void recordsToo(String what, String body, String message) {
        assertThat(Wire.recordFailure(codec, Wire.record(body), WRONG_TYPE).getMessage()).contains(message);
    }
}
