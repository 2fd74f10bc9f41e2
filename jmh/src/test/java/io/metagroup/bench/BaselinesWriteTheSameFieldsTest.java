package io.metagroup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.codec.EntryCodec;
import io.metagroup.model.MetadataEntry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BaselinesWriteTheSameFieldsTest {
    private static final int ENVELOPE = 9;
    private final EntryCodec codec = new EntryCodec();

    @Test
    void thePlainLoopWritesTheCodecsBodyByteForByte() throws Exception {
        PlainMsgpack plain = new PlainMsgpack();
        for (Samples.Shape shape : Samples.Shape.values()) {
            MetadataEntry entry = Samples.of(shape);
            byte[] enveloped = codec.encodeEntry(entry);
            byte[] body = Arrays.copyOfRange(enveloped, ENVELOPE, enveloped.length);
            assertThat(plain.encode(entry)).as(shape.name()).isEqualTo(body);
        }
    }

    @Test
    void thePlainLoopReadsBackTheSameEntries() {
        PlainMsgpack plain = new PlainMsgpack();
        for (Samples.Shape shape : Samples.Shape.values()) {
            MetadataEntry entry = Samples.of(shape);
            assertThat(plain.decode(plain.encode(entry))).as(shape.name()).isEqualTo(entry);
        }
    }

    @Test
    void jacksonReadsBackWhatItWrote() {
        JacksonShapes jackson = new JacksonShapes();
        for (Samples.Shape shape : Samples.Shape.values()) {
            JacksonShapes.JEntry entry = JacksonShapes.of(Samples.of(shape));
            byte[] bytes = jackson.encode(entry);
            JacksonShapes.JEntry back = jackson.decode(bytes);
            assertThat(back.getClass()).isEqualTo(entry.getClass());
            assertThat(jackson.encode(back)).as(shape.name()).isEqualTo(bytes);
        }
    }
}
