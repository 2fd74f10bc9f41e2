package io.metagroup.codec;

/**
 * Bytes that are not a valid encoding, or a value that cannot be encoded. The message names what is wrong and
 * where (byte offset, field path).
 */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure. */
    public enum Kind {
        /** Fewer bytes than a header, a declared length or a declared count needs. */
        TRUNCATED,
        /** A declared length or count above a limit ({@link CodecLimits}), or a value too large to encode. */
        OVERSIZED,
        /** A variant tag this version does not know. */
        UNKNOWN_TAG,
        /** A wire version newer (or older) than this node supports; the message names the version needed. */
        UNKNOWN_VERSION,
        /** Bytes left over after a complete value. */
        TRAILING_BYTES,
        /** A MessagePack value of another type than the field needs. */
        WRONG_TYPE,
        /** A well-formed value that breaks a rule of the model (range, UUID text, hash length, UTF-8). */
        INVALID_VALUE,
        /** Nesting deeper than the limit. */
        TOO_DEEP,
        /** Not a Metagroup envelope. */
        BAD_MARKER
    }

    private final Kind kind;
    private final long offset;

    /** A failure of {@code kind} at byte {@code offset} (-1 when not about a position). */
    public CodecException(Kind kind, long offset, String message) {
        super(kind + (offset >= 0 ? " at byte " + offset : "") + ": " + message);
        this.kind = kind;
        this.offset = offset;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** Byte offset where it went wrong, or -1. */
    public long offset() {
        return offset;
    }
}
