package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.INVALID_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Well-formed bytes whose value the model refuses are INVALID_VALUE with the model's reason, never an exception of the model. */
class ModelRulesOnDecodeTest {
    private static final String UUID = "c4 10 12 3e 45 67 e8 9b 12 d3 a4 56 42 66 14 17 40 00";

    private final EntryCodec codec = new EntryCodec();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an empty Batch                    | 92 03 90                       | batch.entries must not be empty",
            "a version bump that goes down     | 93 06 05 03                    | must be greater than from",
            "a CA change that changes nothing  | 93 0b c0 c0                    | must add a CA certificate, remove a fingerprint, or both",
            "an empty CA certificate           | 93 0b c4 00 c0                 | addCaCert must not be empty",
            "a fingerprint of 31 bytes         | 93 0b c0 c4 1f 00              | removeCaFingerprint: must be 32 bytes, got 31",
            "a token hash of 33 bytes          | 94 0d c4 21 00 91 04 00        | tokenHash: must be 32 bytes, got 33",
            "a migration id of 15 bytes        | 94 0f c4 0f 00 a0 90           | migrationId: must be 16 bytes, got 15",
            "an empty join address             | 92 04 93 01 01 a0              | join.addr must not be empty",
            "an empty node address             | 94 0d c4 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 92 02 a0 00 | beginInFlight.nodeAddr must not be empty",
            "a phase that is not its payload's | 97 0e " + UUID + " 01 00 93 02 00 00 00 00 | does not match its payload's phase"})
    void refusedValuesAreInvalid(String what, String body, String message) {
        assertThat(Wire.entryFailure(codec, Wire.entry(body), INVALID_VALUE).getMessage()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a record without proposals        | 92 92 00 00 90                 | 13 | logRecord.proposals must not be empty"})
    void refusedRecordsAreInvalid(String what, String body, long offset, String message) {
        CodecException e = Wire.recordFailure(codec, Wire.record(body), INVALID_VALUE);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.offset()).as("the offset of the proposals, in the envelope").isEqualTo(offset);
    }
}
