package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.metagroup.model.MetadataEntry;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Builds test inputs by hand, following {@code docs/wire-format.md}, and checks how decoding fails. */
final class Wire {
    static final int ENTRY = 0x02;
    static final int RECORD = 0x01;

    private Wire() {}

    /** Hex digits; whitespace and {@code #} comments ignored. */
    static byte[] hex(String text) {
        return GoldenVectors.parse(text);
    }

    /** A version-1 envelope of {@code kind} around {@code body}, its length filled in. */
    static byte[] envelope(int kind, byte[] body) {
        byte[] out = new byte[9 + body.length];
        out[0] = 0x4D;
        out[1] = 0x47;
        out[2] = 0x00;
        out[3] = 0x01;
        out[4] = (byte) kind;
        out[5] = (byte) (body.length >>> 24);
        out[6] = (byte) (body.length >>> 16);
        out[7] = (byte) (body.length >>> 8);
        out[8] = (byte) body.length;
        System.arraycopy(body, 0, out, 9, body.length);
        return out;
    }

    /** A single-entry envelope around the body written in hex. */
    static byte[] entry(String bodyHex) {
        return envelope(ENTRY, hex(bodyHex));
    }

    /** A log-record envelope around the body written in hex. */
    static byte[] record(String bodyHex) {
        return envelope(RECORD, hex(bodyHex));
    }

    /** The body of an envelope. */
    static byte[] body(byte[] enveloped) {
        byte[] body = new byte[enveloped.length - 9];
        System.arraycopy(enveloped, 9, body, 0, body.length);
        return body;
    }

    /** The CodecException {@code call} fails with; fails the test on success or on any other throwable. */
    static CodecException failure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("decoding must fail with a CodecException").isInstanceOf(CodecException.class);
        return (CodecException) thrown;
    }

    /** Decodes a single entry, expecting a CodecException of {@code kind}; returns it for more checks. */
    static CodecException entryFailure(EntryCodec codec, byte[] bytes, CodecException.Kind kind) {
        CodecException e = failure(() -> codec.decodeEntry(bytes));
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }

    /** Decodes a log record, expecting a CodecException of {@code kind}; returns it for more checks. */
    static CodecException recordFailure(EntryCodec codec, byte[] bytes, CodecException.Kind kind) {
        CodecException e = failure(() -> codec.decodeRecord(bytes));
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }

    /** Decoding that succeeds or throws CodecException, nothing else (no Error, no RuntimeException). */
    static void decodesOrFailsCleanly(EntryCodec codec, byte[] bytes) {
        Throwable entry = catchThrowable(() -> codec.decodeEntry(bytes));
        assertThat(entry).as("decodeEntry").satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(CodecException.class));
        Throwable record = catchThrowable(() -> codec.decodeRecord(bytes));
        assertThat(record).as("decodeRecord").satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(CodecException.class));
    }

    /** Re-encoding a decoded entry and decoding again gives the same entry. */
    static void stable(EntryCodec codec, MetadataEntry decoded) throws CodecException {
        assertThat(codec.decodeEntry(codec.encodeEntry(decoded))).isEqualTo(decoded);
    }
}
