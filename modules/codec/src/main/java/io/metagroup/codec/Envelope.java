package io.metagroup.codec;

import io.metagroup.codec.CodecException.Kind;

/**
 * The 9-byte header in front of every body (section 1 of {@code docs/wire-format.md}): marker {@code "MG"}, wire
 * version (u16 BE), body kind (1 byte), body length (u32 BE).
 */
final class Envelope {
    static final byte MARKER_0 = 0x4D; // 'M'
    static final byte MARKER_1 = 0x47; // 'G'
    static final int HEADER_LENGTH = 9;
    static final int KIND_RECORD = 0x01;
    static final int KIND_ENTRY = 0x02;

    private Envelope() {}

    static String kindName(int kind) {
        return kind == KIND_RECORD ? "a log record" : "a single entry";
    }

    /** Writes the header into the first {@link #HEADER_LENGTH} bytes of {@code out}. */
    static void writeHeader(byte[] out, int kind, int bodyLength) {
        out[0] = MARKER_0;
        out[1] = MARKER_1;
        out[2] = (byte) (EntryCodec.WIRE_VERSION >>> 8);
        out[3] = (byte) EntryCodec.WIRE_VERSION;
        out[4] = (byte) kind;
        out[5] = (byte) (bodyLength >>> 24);
        out[6] = (byte) (bodyLength >>> 16);
        out[7] = (byte) (bodyLength >>> 8);
        out[8] = (byte) bodyLength;
    }

    /** The wire version the bytes declare, after checking the marker. */
    static int version(byte[] bytes) throws CodecException {
        int marked = Math.min(bytes.length, 2);
        for (int i = 0; i < marked; i++) {
            if (bytes[i] != (i == 0 ? MARKER_0 : MARKER_1)) {
                throw new CodecException(Kind.BAD_MARKER, i, String.format(
                        "not a Metagroup envelope: expected marker 4d 47 (\"MG\"), byte %d is %02x", i, bytes[i] & 0xFF));
            }
        }
        if (bytes.length < 4) {
            throw new CodecException(Kind.TRUNCATED, bytes.length,
                    "the envelope header needs " + HEADER_LENGTH + " bytes, the input has " + bytes.length);
        }
        return ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    /**
     * Checks the header for a body of {@code expectedKind} and returns the body length; the body starts at
     * {@link #HEADER_LENGTH} and runs exactly to the end of {@code bytes}.
     */
    static int open(byte[] bytes, int expectedKind, CodecLimits limits) throws CodecException {
        int version = version(bytes);
        if (version != EntryCodec.WIRE_VERSION) {
            throw new CodecException(Kind.UNKNOWN_VERSION, 2, "the bytes need wire version " + version
                    + "; this node reads wire version " + EntryCodec.WIRE_VERSION + " only"
                    + (version > EntryCodec.WIRE_VERSION ? " (upgrade it to a build that reads version " + version + ")" : ""));
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new CodecException(Kind.TRUNCATED, bytes.length,
                    "the envelope header needs " + HEADER_LENGTH + " bytes, the input has " + bytes.length);
        }
        int kind = bytes[4] & 0xFF;
        if (kind != KIND_RECORD && kind != KIND_ENTRY) {
            throw new CodecException(Kind.UNKNOWN_TAG, 4, String.format(
                    "unknown body kind %02x (01 = log record, 02 = single entry)", kind));
        }
        if (kind != expectedKind) {
            throw new CodecException(Kind.WRONG_TYPE, 4,
                    "the envelope holds " + kindName(kind) + ", expected " + kindName(expectedKind));
        }
        long declared = ((bytes[5] & 0xFFL) << 24) | ((bytes[6] & 0xFF) << 16) | ((bytes[7] & 0xFF) << 8) | (bytes[8] & 0xFF);
        if (declared > limits.maxRecordBytes()) {
            throw new CodecException(Kind.OVERSIZED, 5,
                    "the body length " + declared + " is above the limit of " + limits.maxRecordBytes() + " bytes");
        }
        long present = bytes.length - HEADER_LENGTH;
        if (declared > present) {
            throw new CodecException(Kind.TRUNCATED, bytes.length,
                    "the envelope declares a body of " + declared + " bytes, only " + present + " follow");
        }
        if (declared < present) {
            throw new CodecException(Kind.TRAILING_BYTES, HEADER_LENGTH + declared,
                    (present - declared) + " bytes after the body of " + declared + " bytes the envelope declares");
        }
        return (int) declared;
    }
}
