package io.metagroup.codec;

import io.metagroup.codec.CodecException.Kind;
import io.metagroup.model.Bytes;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageStringCodingException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Reads the MessagePack subset of {@code docs/wire-format.md} (section 2) from untrusted bytes. Before the unpacker
 * consumes a value, this class looks at the header in the input itself: the type must be the one the field needs
 * (a string is never read as binary, nor binary as a string), the header must be complete, and every declared
 * length or count must fit both the bytes left and the field's limit; only then is anything allocated. Integers
 * in the {@code uint64} format are read as raw bits, so values of 2^63 and above need no exception or BigInteger.
 * One per thread; not thread-safe.
 */
final class WireReader {
    private static final byte[] NONE = new byte[0];
    static final long U32_MAX = 0xFFFF_FFFFL;
    static final int U16_MAX = 0xFFFF;
    /** No tagged value of version 1 has more elements; a larger header is refused before the unpacker sees it. */
    private static final int MAX_TAGGED_ARITY = 16;

    private final ArrayBufferInput input = new ArrayBufferInput(NONE);
    private final MessageUnpacker unpacker;
    final FieldPath path = new FieldPath();
    private byte[] bytes = NONE;
    private int base;
    private int end;

    WireReader(CodecLimits limits) {
        unpacker = new MessagePack.UnpackerConfig()
                .withActionOnMalformedString(CodingErrorAction.REPORT)
                .withActionOnUnmappableString(CodingErrorAction.REPORT)
                .withAllowReadingStringAsBinary(false)
                .withAllowReadingBinaryAsString(false)
                .withStringSizeLimit(Math.max(limits.maxStringBytes(), limits.maxSqlTextBytes()))
                .newUnpacker(input);
    }

    /** Reads {@code length} bytes of {@code source} from {@code offset}; offsets in errors count from 0 of source. */
    void reset(byte[] source, int offset, int length) throws IOException {
        bytes = source;
        base = offset;
        end = offset + length;
        input.reset(source, offset, length);
        unpacker.reset(input);
        path.clear();
    }

    /** Drops the reference to the last input, so a large record is not kept alive by this thread. */
    void release() throws IOException {
        reset(NONE, 0, 0);
    }

    /** Absolute offset of the next byte. */
    int pos() {
        return base + (int) unpacker.getTotalReadBytes();
    }

    /** TRAILING_BYTES unless the whole body was read. */
    void expectEnd() throws CodecException {
        int p = pos();
        if (p != end) {
            throw new CodecException(Kind.TRAILING_BYTES, p, (end - p) + " bytes after the complete value");
        }
    }

    CodecException error(Kind kind, long offset, String leaf, String detail) {
        return new CodecException(kind, offset, path.render(leaf) + ": " + detail);
    }

    // ---- integers

    /** A non-negative integer of any MessagePack integer format, as u64 bits (2^63 and above come back negative). */
    long unsigned(String leaf) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.INTEGER, leaf, "an unsigned integer");
        if (f == MessageFormat.UINT64) {
            long bits = bigEndian(p + 1, 8);
            unpacker.skipValue();
            return bits;
        }
        long value = unpacker.unpackLong(); // every other integer format fits a long
        if (value < 0) {
            throw error(Kind.INVALID_VALUE, p, leaf, "must not be negative, got " + value);
        }
        return value;
    }

    long u64(String leaf) throws IOException, CodecException {
        return unsigned(leaf);
    }

    long u32(String leaf) throws IOException, CodecException {
        return atMost(leaf, U32_MAX, "an unsigned 32-bit integer");
    }

    int u16(String leaf) throws IOException, CodecException {
        return (int) atMost(leaf, U16_MAX, "an unsigned 16-bit integer");
    }

    private long atMost(String leaf, long max, String what) throws IOException, CodecException {
        int p = pos();
        long value = unsigned(leaf);
        if (value < 0 || value > max) {
            throw error(Kind.INVALID_VALUE, p, leaf, "must be " + what + ", got " + Long.toUnsignedString(value));
        }
        return value;
    }

    boolean bool(String leaf) throws IOException, CodecException {
        expect(ValueType.BOOLEAN, leaf, "a boolean");
        return unpacker.unpackBoolean();
    }

    /** Consumes a nil and answers true, or answers false and leaves a non-nil value for the field's reader. */
    boolean nil() throws IOException {
        int p = pos();
        if (p < end && bytes[p] == (byte) 0xC0) {
            unpacker.unpackNil();
            return true;
        }
        return false;
    }

    // ---- strings and binaries

    /** A strict UTF-8 string of at most {@code limit} bytes. */
    String str(String leaf, int limit) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.STRING, leaf, "a string");
        int length = checkLength(p, f, leaf, limit);
        int from = p + headerSize(f);
        if (ascii(from, length)) {
            // ASCII is well-formed UTF-8 and decodes to the same characters: skip the strict decoder, which took
            // about half of a lease grant's decode time in a stack profile (CharsetDecoder with REPORT, buffers
            // per string)
            String value = new String(bytes, from, length, StandardCharsets.US_ASCII);
            unpacker.skipValue();
            return value;
        }
        try {
            return unpacker.unpackString(); // header and bytes checked above; REPORT makes bad UTF-8 throw
        } catch (MessageStringCodingException e) {
            throw error(Kind.INVALID_VALUE, p, leaf, "is not well-formed UTF-8");
        }
    }

    private boolean ascii(int from, int length) {
        for (int i = from, to = from + length; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A binary value of at most {@code limit} bytes. */
    Bytes bin(String leaf, int limit) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.BINARY, leaf, "a binary");
        int length = checkLength(p, f, leaf, limit);
        Bytes value = Bytes.of(bytes, p + headerSize(f), length);
        unpacker.skipValue();
        return value;
    }

    /** A binary value of exactly {@code length} bytes (a hash, a UUID). */
    byte[] fixedBin(String leaf, int length) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.BINARY, leaf, "a binary");
        long declared = declared(f, p);
        if (declared != length) {
            throw error(Kind.INVALID_VALUE, p, leaf, "must be " + length + " bytes, got " + declared);
        }
        checkLength(p, f, leaf, length);
        byte[] value = new byte[length];
        System.arraycopy(bytes, p + headerSize(f), value, 0, length);
        unpacker.skipValue();
        return value;
    }

    // ---- arrays

    /** The header of a list field: at most {@code limit} elements, each at least one of the bytes left. */
    int list(String leaf, int limit) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.ARRAY, leaf, "an array");
        int count = checkDeclared(p, f, leaf, limit, " elements"); // each element takes at least one byte
        unpacker.unpackArrayHeader();
        return count;
    }

    /** The header of a fixed-arity array ({@code Hlc}, a proposal, ...). */
    void tuple(String leaf, int arity) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.ARRAY, leaf, "an array of " + arity);
        long count = declared(f, p);
        if (count != arity) {
            throw error(Kind.WRONG_TYPE, p, leaf, "must be an array of " + arity + " elements, got " + count);
        }
        unpacker.unpackArrayHeader();
    }

    /** The header of a tagged value {@code [tag, ...fields]}: its element count, checked against the tag later. */
    int taggedHeader(String leaf) throws IOException, CodecException {
        int p = pos();
        MessageFormat f = expect(ValueType.ARRAY, leaf, "a tagged array [tag, ...]");
        long count = declared(f, p);
        if (count == 0 || count > MAX_TAGGED_ARITY) {
            throw error(Kind.WRONG_TYPE, p, leaf, "a tagged array [tag, ...] has 1 to " + MAX_TAGGED_ARITY
                    + " elements, got " + count);
        }
        unpacker.unpackArrayHeader();
        return (int) count;
    }

    // ---- headers, read from the input before the unpacker consumes them

    private MessageFormat expect(ValueType type, String leaf, String wanted) throws CodecException {
        int p = pos();
        if (p >= end) {
            throw error(Kind.TRUNCATED, p, leaf, "the body ends where " + wanted + " is expected");
        }
        MessageFormat f = MessageFormat.valueOf(bytes[p]);
        if (f == MessageFormat.NEVER_USED || f.getValueType() != type) {
            throw error(Kind.WRONG_TYPE, p, leaf, String.format("expected %s, got %s (byte %02x)", wanted,
                    f == MessageFormat.NEVER_USED ? "the never-used code" : f.getValueType().name().toLowerCase(java.util.Locale.ROOT),
                    bytes[p] & 0xFF));
        }
        int header = headerSize(f);
        if (end - p < header) {
            throw error(Kind.TRUNCATED, p, leaf, "the body ends inside a " + header + "-byte header");
        }
        return f;
    }

    /** Checks the byte length of a str or bin header at {@code p}; returns it. */
    private int checkLength(int p, MessageFormat f, String leaf, int limit) throws CodecException {
        return checkDeclared(p, f, leaf, limit, " bytes");
    }

    /** Checks what a header at {@code p} declares against {@code limit}, then against the bytes left; returns it. */
    private int checkDeclared(int p, MessageFormat f, String leaf, int limit, String unit) throws CodecException {
        long declared = declared(f, p);
        if (declared > limit) {
            throw error(Kind.OVERSIZED, p, leaf, declared + unit + ", above the limit of " + limit);
        }
        long left = end - (long) p - headerSize(f);
        if (declared > left) {
            throw error(Kind.TRUNCATED, p, leaf, declared + unit + " declared, only " + left + " bytes left");
        }
        return (int) declared;
    }

    /** The length or count a str, bin or array header at {@code p} declares, 0..2^32-1. */
    private long declared(MessageFormat f, int p) {
        switch (f) {
            case FIXSTR:
                return bytes[p] & 0x1F;
            case FIXARRAY:
                return bytes[p] & 0x0F;
            case STR8:
            case BIN8:
                return bytes[p + 1] & 0xFF;
            case STR16:
            case BIN16:
            case ARRAY16:
                return bigEndian(p + 1, 2);
            case STR32:
            case BIN32:
            case ARRAY32:
                return bigEndian(p + 1, 4);
            default:
                throw new IllegalStateException("no length in format " + f);
        }
    }

    /** Bytes a value's header takes, the format byte included (the whole value for integers and booleans). */
    private static int headerSize(MessageFormat f) {
        switch (f) {
            case UINT8:
            case INT8:
            case STR8:
            case BIN8:
                return 2;
            case UINT16:
            case INT16:
            case STR16:
            case BIN16:
            case ARRAY16:
                return 3;
            case UINT32:
            case INT32:
            case STR32:
            case BIN32:
            case ARRAY32:
                return 5;
            case UINT64:
            case INT64:
                return 9;
            default:
                return 1;
        }
    }

    private long bigEndian(int from, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[from + i] & 0xFF);
        }
        return value;
    }
}
