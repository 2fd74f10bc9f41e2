package io.metagroup.codec;

import io.metagroup.codec.CodecException.Kind;
import io.metagroup.model.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes the MessagePack subset of {@code docs/wire-format.md} (section 2) into a reusable buffer, shortest forms
 * only, unsigned integer formats only, and refuses values over the limits. One per thread; not thread-safe.
 */
final class WireWriter {
    private static final byte UINT64 = (byte) 0xCF;
    private static final byte[] HEADER_PLACEHOLDER = new byte[Envelope.HEADER_LENGTH];

    private final MessageBufferPacker packer = new MessagePack.PackerConfig().newBufferPacker();
    private final byte[] scratch = new byte[9];
    private final CodecLimits limits;
    final FieldPath path = new FieldPath();
    private long origin;
    private boolean enveloped;

    WireWriter(CodecLimits limits) {
        this.limits = limits;
    }

    /** Starts a new value: inside an envelope (a header placeholder first) or bare. */
    void begin(boolean envelope) {
        packer.clear();
        path.clear();
        origin = packer.getTotalWrittenBytes();
        enveloped = envelope;
        if (envelope) {
            try {
                packer.writePayload(HEADER_PLACEHOLDER);
            } catch (IOException e) {
                throw impossible(e);
            }
        }
    }

    /** The bytes written since {@link #begin}, the envelope header (kind {@code kind}) filled in when there is one. */
    byte[] finish(int kind) {
        checkSize();
        byte[] out;
        try {
            out = packer.toByteArray();
        } finally {
            packer.clear(); // a 4 MiB record must not stay referenced by this thread's buffer list
        }
        if (enveloped) {
            Envelope.writeHeader(out, kind, out.length - Envelope.HEADER_LENGTH);
        }
        return out;
    }

    /** Drops what a failed encode wrote, so this thread's buffer does not hold it until the next encode. */
    void discard() {
        packer.clear();
        path.clear();
    }

    /** OVERSIZED once the body outgrows the record limit; called after each entry and list element so a huge value stops early. */
    void checkSize() {
        long body = packer.getTotalWrittenBytes() - origin - (enveloped ? Envelope.HEADER_LENGTH : 0);
        if (body > limits.maxRecordBytes()) {
            throw fail(Kind.OVERSIZED, null, "the encoding reaches " + body + " bytes, above the record limit of "
                    + limits.maxRecordBytes());
        }
    }

    /** An unsigned integer (u16, u32, u64, a tag or a code); {@code value} holds u64 bits. */
    void unsigned(long value) {
        try {
            if (value >= 0) {
                packer.packLong(value); // non-negative: fixint or uint8/16/32/64, whichever is shortest
            } else {
                scratch[0] = UINT64;
                for (int i = 0; i < 8; i++) {
                    scratch[1 + i] = (byte) (value >>> (56 - 8 * i));
                }
                packer.writePayload(scratch, 0, 9);
            }
        } catch (IOException e) {
            throw impossible(e);
        }
    }

    void bool(boolean value) {
        try {
            packer.packBoolean(value);
        } catch (IOException e) {
            throw impossible(e);
        }
    }

    void nil() {
        try {
            packer.packNil();
        } catch (IOException e) {
            throw impossible(e);
        }
    }

    /** The header of a fixed-arity array (a tuple or a tagged value). */
    void array(int arity) {
        try {
            packer.packArrayHeader(arity);
        } catch (IOException e) {
            throw impossible(e);
        }
    }

    /** The header of a list field of {@code count} elements, refused above {@code limit}. */
    void list(String field, int count, int limit) {
        if (count > limit) {
            throw fail(Kind.OVERSIZED, field, count + " elements, above the limit of " + limit);
        }
        array(count);
    }

    /** A string as strict UTF-8; refused when not valid Unicode or above {@code limit} bytes. */
    void str(String field, String value, int limit) {
        if (value.length() > limit) { // every char takes at least one byte
            throw fail(Kind.OVERSIZED, field, "more than " + limit + " UTF-8 bytes (" + value.length() + " chars)");
        }
        int bad = unpairedSurrogate(value);
        if (bad >= 0) {
            throw fail(Kind.INVALID_VALUE, field, "not valid Unicode: an unpaired surrogate at char " + bad);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > limit) {
            throw fail(Kind.OVERSIZED, field, utf8.length + " UTF-8 bytes, above the limit of " + limit);
        }
        try {
            packer.packRawStringHeader(utf8.length).writePayload(utf8);
        } catch (IOException e) {
            throw impossible(e);
        }
    }

    /** Binary bytes, refused above {@code limit}. */
    void bin(String field, Bytes value, int limit) {
        if (value.length() > limit) {
            throw fail(Kind.OVERSIZED, field, value.length() + " bytes, above the limit of " + limit);
        }
        bin(value.toByteArray());
    }

    /** Binary bytes (hashes and UUIDs come here directly: the model fixes their length). */
    void bin(byte[] data) {
        try {
            packer.packBinaryHeader(data.length).writePayload(data);
        } catch (IOException e) {
            throw impossible(e);
        }
    }

    EncodeFailure fail(Kind kind, String field, String detail) {
        return new EncodeFailure(new CodecException(kind, -1, "cannot encode " + path.render(field) + ": " + detail));
    }

    private static int unpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A buffer packer writes to memory: its IOException cannot happen. */
    private static UncheckedIOException impossible(IOException e) {
        return new UncheckedIOException("in-memory MessagePack buffer failed", e);
    }
}
