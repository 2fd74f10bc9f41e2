package io.metagroup.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

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

    private interface Decode<T> {
        T apply(byte[] bytes) throws CodecException;
    }

    private interface Encode<T> {
        byte[] apply(T value) throws CodecException;
    }

    private static void checkRecord(byte[] bytes) throws CodecException {
        check(bytes, CODEC::decodeRecord, CODEC::encodeRecord);
    }

    private static void checkEntry(byte[] bytes) throws CodecException {
        check(bytes, CODEC::decodeEntry, CODEC::encodeEntry);
    }

    /** Decodes; a value must survive another encode and decode unchanged, a failure must be a CodecException. */
    private static <T> void check(byte[] bytes, Decode<T> decode, Encode<T> encode) throws CodecException {
        T value;
        try {
            value = decode.apply(bytes);
        } catch (CodecException expected) {
            return;
        }
        T again = decode.apply(encode.apply(value));
        if (!again.equals(value)) {
            throw new AssertionError("re-encoding changed " + value + " into " + again);
        }
    }
}
