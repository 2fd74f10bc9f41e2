package io.metagroup.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;

/**
 * Jazzer fuzz targets on decoding. Every input must either decode to a value that survives another encode and
 * decode unchanged, or fail with a {@link CodecException}; anything else (another exception, an Error, a hang)
 * is a finding.
 *
 * <p>Under a plain {@code ./mvnw verify} (JAZZER_FUZZ unset) each target is a parameterized JUnit test that replays
 * the empty input and the saved corpus in {@code src/test/resources/io/metagroup/codec/DecodeFuzzTestInputs/<target>/}.
 * To fuzz one target for real (new inputs land in {@code modules/codec/.cifuzz-corpus/}, findings next to the saved
 * corpus), in its own surefire execution, whose heap is large enough for Jazzer's agent:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=90s ./mvnw -pl modules/codec test-compile surefire:test@fuzz-corpus-replay \
 *     -Dtest='DecodeFuzzTest#decodeEntryBody'
 * </pre>
 * The {@code *Body} targets put the input inside a valid envelope, so the fuzzer spends its time in the body
 * parser instead of rediscovering the header.
 */
class DecodeFuzzTest {
    private static final EntryCodec CODEC = new EntryCodec();

    @FuzzTest(maxDuration = "10m")
    void decodeRecord(byte[] input) throws CodecException {
        checkRecord(input);
    }

    @FuzzTest(maxDuration = "10m")
    void decodeEntry(byte[] input) throws CodecException {
        checkEntry(input);
    }

    @FuzzTest(maxDuration = "10m")
    void decodeRecordBody(byte[] body) throws CodecException {
        checkRecord(Wire.envelope(Wire.RECORD, body));
    }

    @FuzzTest(maxDuration = "10m")
    void decodeEntryBody(byte[] body) throws CodecException {
        checkEntry(Wire.envelope(Wire.ENTRY, body));
    }

    private static void checkRecord(byte[] bytes) throws CodecException {
        LogRecord record;
        try {
            record = CODEC.decodeRecord(bytes);
        } catch (CodecException expected) {
            return;
        }
        LogRecord again = CODEC.decodeRecord(CODEC.encodeRecord(record));
        if (!again.equals(record)) {
            throw new AssertionError("re-encoding changed " + record + " into " + again);
        }
    }

    private static void checkEntry(byte[] bytes) throws CodecException {
        MetadataEntry entry;
        try {
            entry = CODEC.decodeEntry(bytes);
        } catch (CodecException expected) {
            return;
        }
        MetadataEntry again = CODEC.decodeEntry(CODEC.encodeEntry(entry));
        if (!again.equals(entry)) {
            throw new AssertionError("re-encoding changed " + entry + " into " + again);
        }
    }
}
