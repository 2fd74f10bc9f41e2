package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Hlc;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.DescriptorVersionChange;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The on-disk format of the audit log, big-endian throughout. A log is a sequence of segment files
 * {@code audit-NNNNNN.log} (numbered from 1, no gaps), each a header followed by frames:
 * <pre>
 *   header (84 bytes) = "MGAUDSEG" · u32 format (1) · u8 flags (bit 0: starts from a snapshot anchor) · 3 zero bytes
 *                       · u64 segment number · u64 seq of its first record · u64 last audited index before it
 *                       · u64 applied index at its start · 32 bytes chain hash before its first record
 *                       · u32 CRC32C of the 80 bytes before
 *   frame             = u32 body length · body · u32 CRC32C of the body; one frame per log index, written whole
 *   body              = u8 kind (1) · u64 log index · u32 record count · per record: u32 length · record · 32 bytes
 *                       chain hash
 *   record            = u8 record format (1) · u64 seq · u64 log index · u32 ordinal · u64 HLC wall nanos
 *                       · u32 HLC logical · text user id · text user name · text statement
 *                       · u32 version count · per version: text descriptor · u64 before · u64 after
 *                       · 32 bytes SHA-256 of the payload
 *   text              = u32 length · UTF-8 bytes
 * </pre>
 * The chain hash of a record is SHA-256 over the chain hash before it and the record's bytes; before the first
 * record of a log it is 32 zero bytes, and a segment that starts from a snapshot anchor continues the chain of the
 * snapshot. Because a log index is one frame, written and fsynced whole, a crash can only leave the last frame torn.
 */
final class SegmentFormat {
    static final int FORMAT = 1;
    static final int HEADER_BYTES = 84;
    static final int KIND_RECORDS = 1;
    static final int RECORD_FORMAT = 1;
    /** Bounds what a damaged length can make a reader allocate; far above any real frame. */
    static final int MAX_FRAME_BYTES = 64 << 20;
    static final Sha256 GENESIS = Sha256.of(new byte[Sha256.LENGTH]);
    private static final byte[] MAGIC = "MGAUDSEG".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("audit-(\\d{6,18})\\.log");

    private SegmentFormat() {}

    /** The file name of segment {@code number}. */
    static String name(long number) {
        return String.format("audit-%06d.log", number);
    }

    /** The segment number a file name gives, if it names a segment. */
    static OptionalLong number(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * A segment header.
     *
     * @param segment          the segment's number
     * @param anchored         true when the segment starts from a snapshot rather than from the segment before it
     * @param firstSeq         the seq its first record has
     * @param prevAuditedIndex the last audited log index before its first record
     * @param startIndex       the applied index when the segment was started
     * @param prevHash         the chain hash before its first record
     */
    record Header(long segment, boolean anchored, long firstSeq, long prevAuditedIndex, long startIndex,
                  Sha256 prevHash) {}

    static byte[] encodeHeader(Header h) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES);
        out.put(MAGIC).putInt(FORMAT).put((byte) (h.anchored() ? 1 : 0)).put(new byte[3]);
        out.putLong(h.segment()).putLong(h.firstSeq()).putLong(h.prevAuditedIndex()).putLong(h.startIndex());
        out.put(h.prevHash().bytes().toByteArray());
        out.putInt((int) crc(out.array(), 0, out.position()));
        return out.array();
    }

    /** The header in {@code bytes} (exactly {@link #HEADER_BYTES}); the message names what is wrong. */
    static Header decodeHeader(byte[] bytes) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("does not start with the audit segment magic 'MGAUDSEG'");
        }
        int format = in.getInt();
        if (format != FORMAT) {
            throw new IOException("has format " + format + "; this plugin reads format " + FORMAT);
        }
        if (Integer.toUnsignedLong(ByteBuffer.wrap(bytes, HEADER_BYTES - 4, 4).getInt())
                != crc(bytes, 0, HEADER_BYTES - 4)) {
            throw new IOException("has a header whose CRC32C does not match");
        }
        int flags = in.get();
        in.position(in.position() + 3);
        long segment = in.getLong();
        long firstSeq = in.getLong();
        long prevAudited = in.getLong();
        long start = in.getLong();
        byte[] prev = new byte[Sha256.LENGTH];
        in.get(prev);
        return new Header(segment, (flags & 1) != 0, firstSeq, prevAudited, start, Sha256.of(prev));
    }

    /** The bytes of {@code r} that its chain hash covers (everything but the chain hash). */
    static byte[] encodeRecord(AuditRecord r) {
        Writer out = new Writer();
        out.u8(RECORD_FORMAT).u64(r.seq()).u64(r.index()).u32(r.ordinal());
        out.u64(r.hlc().wallNanos()).u32(r.hlc().logical());
        out.text(r.userId()).text(r.userName()).text(r.statement());
        out.u32(r.versions().size());
        for (DescriptorVersionChange v : r.versions()) {
            out.text(v.descriptor()).u64(v.before()).u64(v.after());
        }
        out.raw(r.payloadHash().bytes().toByteArray());
        return out.toByteArray();
    }

    /** The record encoded in {@code bytes}, with the chain hash stored beside it. */
    static AuditRecord decodeRecord(byte[] bytes, Sha256 chainHash) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int format = Byte.toUnsignedInt(in.get());
            if (format != RECORD_FORMAT) {
                throw new IOException("record format " + format + " is unknown");
            }
            long seq = in.getLong();
            long index = in.getLong();
            int ordinal = in.getInt();
            Hlc hlc = new Hlc(in.getLong(), Integer.toUnsignedLong(in.getInt()));
            String userId = text(in);
            String userName = text(in);
            String statement = text(in);
            int count = in.getInt();
            if (count < 0 || count > in.remaining()) {
                throw new IOException("record claims " + count + " descriptor versions");
            }
            List<DescriptorVersionChange> versions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                versions.add(new DescriptorVersionChange(text(in), in.getLong(), in.getLong()));
            }
            byte[] payloadHash = new byte[Sha256.LENGTH];
            in.get(payloadHash);
            if (in.hasRemaining()) {
                throw new IOException("record has " + in.remaining() + " bytes after its last field");
            }
            return new AuditRecord(seq, index, ordinal, hlc, userId, userName, statement, versions,
                    Sha256.of(payloadHash), chainHash);
        } catch (BufferUnderflowException e) {
            throw new IOException("record is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("record holds an invalid value: " + e.getMessage(), e);
        }
    }

    /** The chain hash after {@code prev}: SHA-256 of {@code prev} and the record's bytes. */
    static Sha256 chain(Sha256 prev, byte[] recordBytes) {
        MessageDigest sha = sha256();
        sha.update(prev.bytes().toByteArray());
        sha.update(recordBytes);
        return Sha256.of(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** One record as stored: its bytes and chain hash. */
    record Stored(byte[] bytes, Sha256 chainHash) {
        boolean sameAs(Stored other) {
            return Arrays.equals(bytes, other.bytes) && chainHash.equals(other.chainHash);
        }
    }

    /** The frame of the records of log index {@code index}. */
    static byte[] encodeFrame(long index, List<Stored> records) {
        Writer body = new Writer();
        body.u8(KIND_RECORDS).u64(index).u32(records.size());
        for (Stored r : records) {
            body.u32(r.bytes().length).raw(r.bytes()).raw(r.chainHash().bytes().toByteArray());
        }
        byte[] b = body.toByteArray();
        return new Writer().u32(b.length).raw(b).u32(crc(b, 0, b.length)).toByteArray();
    }

    /** The log index and records of a frame body whose CRC matched. */
    record Frame(long index, List<Stored> records) {}

    static Frame decodeBody(byte[] body) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            int kind = Byte.toUnsignedInt(in.get());
            if (kind != KIND_RECORDS) {
                throw new IOException("frame kind " + kind + " is unknown");
            }
            long index = in.getLong();
            int count = in.getInt();
            if (count <= 0 || count > in.remaining()) {
                throw new IOException("frame claims " + count + " records");
            }
            List<Stored> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IOException("record " + i + " of the frame claims " + length + " bytes");
                }
                byte[] bytes = new byte[length];
                in.get(bytes);
                byte[] hash = new byte[Sha256.LENGTH];
                in.get(hash);
                records.add(new Stored(bytes, Sha256.of(hash)));
            }
            if (in.hasRemaining()) {
                throw new IOException("frame has " + in.remaining() + " bytes after its last record");
            }
            return new Frame(index, records);
        } catch (BufferUnderflowException e) {
            throw new IOException("frame is truncated", e);
        }
    }

    static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static String text(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("text field claims " + length + " bytes");
        }
        ByteBuffer slice = in.slice();
        slice.limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("text field is not valid UTF-8", e);
        }
    }

    /** A growing big-endian buffer. */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(256);

        private Writer ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            return this;
        }

        Writer u8(int v) {
            ensure(1).buf.put((byte) v);
            return this;
        }

        Writer u32(long v) {
            ensure(4).buf.putInt((int) v);
            return this;
        }

        Writer u64(long v) {
            ensure(8).buf.putLong(v);
            return this;
        }

        Writer raw(byte[] bytes) {
            ensure(bytes.length).buf.put(bytes);
            return this;
        }

        Writer text(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            return u32(bytes.length).raw(bytes);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
