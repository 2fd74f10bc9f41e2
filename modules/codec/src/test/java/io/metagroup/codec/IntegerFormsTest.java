package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.INVALID_VALUE;
import static io.metagroup.codec.CodecException.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.TopologyChange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Integers: the encoder writes the shortest unsigned form; the decoder accepts any integer format whose value is
 * in the field's range, and refuses negative and out-of-range values as INVALID_VALUE.
 */
class IntegerFormsTest {
    private final EntryCodec codec = new EntryCodec();

    @ParameterizedTest(name = "hwm {0}")
    @CsvSource({
            "05, 5", "cc 05, 5", "cd 00 05, 5", "ce 00 00 00 05, 5", "cf 00 00 00 00 00 00 00 05, 5",
            "d0 05, 5", "d1 00 05, 5", "d2 00 00 00 05, 5", "d3 00 00 00 00 00 00 00 05, 5",
            "ce ff ff ff ff, 4294967295", "cf 00 00 00 00 ff ff ff ff, 4294967295"})
    void anyIntegerFormOfAnInRangeValueIsAccepted(String hwm, long expected) throws CodecException {
        assertThat(codec.decodeEntry(Wire.entry("92 0c " + hwm))).isEqualTo(new SurrogateAlloc(expected));
    }

    @ParameterizedTest(name = "nodeId {0}")
    @ValueSource(strings = {"ff", "e0", "d0 80", "d1 ff ff", "d2 80 00 00 00", "d3 ff ff ff ff ff ff ff ff"})
    void negativeValuesAreInvalid(String nodeId) {
        CodecException e = Wire.entryFailure(codec, Wire.entry("92 04 92 02 " + nodeId), INVALID_VALUE);
        assertThat(e.getMessage()).contains("leave.nodeId").contains("negative");
        assertThat(e.offset()).isEqualTo(9 + 4);
    }

    @ParameterizedTest(name = "hwm {0}")
    @ValueSource(strings = {"cf 00 00 00 01 00 00 00 00", "cf 80 00 00 00 00 00 00 00", "cf ff ff ff ff ff ff ff ff"})
    void u32FieldsRefuseValuesFrom2To32(String hwm) {
        assertThat(Wire.entryFailure(codec, Wire.entry("92 0c " + hwm), INVALID_VALUE).getMessage())
                .contains("surrogateAlloc.hwm").contains("unsigned 32-bit");
    }

    @ParameterizedTest(name = "to {0}")
    @ValueSource(strings = {"ce 00 01 00 00", "cf ff ff ff ff ff ff ff ff"})
    void u16FieldsRefuseValuesFrom2To16(String to) {
        assertThat(Wire.entryFailure(codec, Wire.entry("93 06 00 " + to), INVALID_VALUE).getMessage())
                .contains("clusterVersionBump.to").contains("unsigned 16-bit");
    }

    @ParameterizedTest(name = "nodeId {0}")
    @ValueSource(strings = {"ca 3f 80 00 00", "cb 3f f0 00 00 00 00 00 00", "c3", "c0", "a1 31", "c4 01 01"})
    void nonIntegersAreTheWrongType(String nodeId) {
        assertThat(Wire.entryFailure(codec, Wire.entry("92 04 92 02 " + nodeId), WRONG_TYPE).getMessage())
                .contains("leave.nodeId").contains("expected an unsigned integer");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 00", "127, 7f", "128, cc 80", "255, cc ff", "256, cd 01 00", "65535, cd ff ff",
            "65536, ce 00 01 00 00", "4294967295, ce ff ff ff ff", "4294967296, cf 00 00 00 01 00 00 00 00",
            "-1, cf ff ff ff ff ff ff ff ff", "-9223372036854775808, cf 80 00 00 00 00 00 00 00"})
    void theEncoderWritesTheShortestUnsignedForm(long nodeId, String expected) throws CodecException {
        byte[] encoded = codec.encodeEntry(new TopologyChange.Leave(nodeId));
        assertThat(Wire.body(encoded)).isEqualTo(Wire.hex("92 04 92 02 " + expected));
        assertThat(codec.encodeEntry(new ClusterVersionBump(0, 1))).isEqualTo(Wire.entry("93 06 00 01"));
    }
}
