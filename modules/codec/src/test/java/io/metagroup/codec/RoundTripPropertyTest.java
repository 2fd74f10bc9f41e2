package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.testkit.ModelArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid entry or log record decodes to itself, and encoding is a function of the value alone. */
class RoundTripPropertyTest {
    private final EntryCodec codec = new EntryCodec();

    @Property(tries = 1000)
    void entriesRoundTrip(@ForAll("entries") MetadataEntry entry) throws CodecException {
        byte[] bytes = codec.encodeEntry(entry);
        assertThat(codec.decodeEntry(bytes)).isEqualTo(entry);
        assertThat(codec.encodeEntry(entry)).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void recordsRoundTrip(@ForAll("records") LogRecord record) throws CodecException {
        byte[] bytes = codec.encodeRecord(record);
        assertThat(codec.decodeRecord(bytes)).isEqualTo(record);
        assertThat(codec.encodeRecord(record)).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void payloadCrcIsTheCrcOfThePayloadEncoding(@ForAll("payloads") MigrationCheckpointPayload payload)
            throws CodecException {
        assertThat(codec.payloadCrc32c(payload)).isEqualTo(CheckpointCrcTest.referenceCrc32c(codec.encodePayload(payload)));
    }

    @Provide
    Arbitrary<MetadataEntry> entries() {
        return ModelArbitraries.entry();
    }

    @Provide
    Arbitrary<LogRecord> records() {
        return ModelArbitraries.logRecord();
    }

    @Provide
    Arbitrary<MigrationCheckpointPayload> payloads() {
        return ModelArbitraries.checkpointPayload();
    }
}
