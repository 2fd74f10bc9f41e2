package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.INVALID_VALUE;
import static io.metagroup.codec.CodecException.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A decoding error names the field path down to the bad value, and the byte offset where that value starts. */
class FieldPathInErrorsTest {
    private final EntryCodec codec = new EntryCodec();

    @Test
    void aNegativeVersionDeepInsideABatchOfTheThirdProposal() {
        byte[] bytes = Wire.record("""
                92                  # [leaderHlc, proposals]
                92 00 00            # leaderHlc [0, 0]                 body offsets 1..3
                93                  # proposals: 3                     4
                92 92 01 01 92 0c 01   # [0] key [1, 1], SurrogateAlloc 1   5..11
                92 92 01 02 92 0c 02   # [1]                                12..18
                92 92 01 03            # [2] key [1, 3]                     19..22
                92 03 91            # entry: Batch of 1                23..25
                92 07               # [0]: DescriptorLeaseGrant        26..27
                94 93 00 01 a1 61   # lease: [descriptorId (0, Collection, "a"),   28..33
                ff                  #         version: negative fixint -1           34
                01 92 00 00         #         nodeId 1, expiresAt [0, 0]]
                """);
        CodecException e = Wire.recordFailure(codec, bytes, INVALID_VALUE);
        assertThat(e.getMessage()).contains("proposals[2].entry.batch.entries[0].descriptorLeaseGrant.lease.version")
                .contains("negative");
        assertThat(e.offset()).isEqualTo(9 + 34);
    }

    @Test
    void aWrongTypeInsideAListOfDescriptorIds() {
        byte[] bytes = Wire.entry("93 08 01 92 93 00 01 a1 61 93 00 01 c4 01 61");
        CodecException e = Wire.entryFailure(codec, bytes, WRONG_TYPE);
        assertThat(e.getMessage()).contains("entry.descriptorLeaseRelease.descriptorIds[1].name")
                .contains("expected a string, got binary");
        assertThat(e.offset()).isEqualTo(9 + 12);
    }

    @Test
    void aValueTheModelRefusesIsNamedByTheValueThatHoldsIt() {
        byte[] bytes = Wire.entry("92 0a 93 00 01 a0"); // DescriptorDrainEnd with an empty name
        CodecException e = Wire.entryFailure(codec, bytes, INVALID_VALUE);
        assertThat(e.getMessage()).contains("entry.descriptorDrainEnd.descriptorId").contains("name must not be empty");
        assertThat(e.offset()).isEqualTo(9 + 2);
    }
}
