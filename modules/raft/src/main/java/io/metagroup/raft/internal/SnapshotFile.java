package io.metagroup.raft.internal;

import io.metagroup.model.Hlc;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The snapshot file of the metadata group: everything needed to resume apply at {@code index}.
 *
 * <pre>
 * magic     8 bytes  "MGSNAP\r\n"
 * format    u32      1
 * term      i64      Raft term of the entry at index
 * index     i64      applied index the state is at
 * hlcWall   i64      HLC of the last applied record (wall nanos, unsigned)
 * hlcLogic  u32
 * raftLen   u32      the raft section: membership intents
 * raft      raftLen bytes
 * coreLen   i64      the core section: plugin set, dedup table, every applier's state (MetadataCore#writeSnapshot)
 * core      coreLen bytes
 * sha256    32 bytes over every byte before it
 * </pre>
 *
 * @param term  term of the last applied entry
 * @param index the applied index
 * @param hlc   HLC of the last applied record
 * @param raft  the raft section
 * @param core  the core section
 */
public record SnapshotFile(long term, long index, Hlc hlc, byte[] raft, byte[] core) {
    static final byte[] MAGIC = {'M', 'G', 'S', 'N', 'A', 'P', '\r', '\n'};
    static final int FORMAT = 1;
    private static final int HEADER = MAGIC.length + 4 + 8 + 8 + 8 + 4;
    private static final int TRAILER = 32;
    /** A raft section above this is corrupt: it holds a few rows per member. */
    private static final int MAX_RAFT_SECTION = 64 << 20;

    /** Writes the file to {@code path}, forcing bytes and metadata to disk before returning. */
    public void writeTo(Path path) throws IOException {
        var bytes = new ByteArrayOutputStream(HEADER + raft.length + core.length + 8 + TRAILER);
        try (var out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(term);
            out.writeLong(index);
            out.writeLong(hlc.wallNanos());
            out.writeInt((int) hlc.logical());
            out.writeInt(raft.length);
            out.write(raft);
            out.writeLong(core.length);
            out.write(core);
        }
        byte[] body = bytes.toByteArray();
        byte[] sum = sha256(body, body.length);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(body));
            writeFully(ch, ByteBuffer.wrap(sum));
            ch.force(true);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Reads and verifies a snapshot file.
     *
     * @throws CorruptSnapshotException naming what is wrong: too short, bad magic, unknown format, checksum
     *                                  mismatch, section lengths that do not add up
     */
    public static SnapshotFile read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        if (all.length < HEADER + 8 + TRAILER) {
            throw new CorruptSnapshotException(path, "only " + all.length + " bytes, shorter than an empty snapshot");
        }
        if (!Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptSnapshotException(path, "not a Metagroup snapshot (bad magic)");
        }
        int bodyLength = all.length - TRAILER;
        byte[] expected = Arrays.copyOfRange(all, bodyLength, all.length);
        if (!MessageDigest.isEqual(expected, sha256(all, bodyLength))) {
            throw new CorruptSnapshotException(path, "SHA-256 checksum mismatch over " + bodyLength + " bytes");
        }
        try (var in = new DataInputStream(new java.io.ByteArrayInputStream(all, MAGIC.length, bodyLength - MAGIC.length))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new CorruptSnapshotException(path, "snapshot format " + format + ", this node reads " + FORMAT);
            }
            long term = in.readLong();
            long index = in.readLong();
            long wall = in.readLong();
            long logical = Integer.toUnsignedLong(in.readInt());
            int raftLen = in.readInt();
            if (raftLen < 0 || raftLen > MAX_RAFT_SECTION || raftLen > in.available()) {
                throw new CorruptSnapshotException(path, "raft section length " + raftLen + " out of range");
            }
            byte[] raft = in.readNBytes(raftLen);
            long coreLen = in.readLong();
            if (coreLen != in.available()) {
                throw new CorruptSnapshotException(path, "core section length " + coreLen + " but "
                        + in.available() + " bytes remain");
            }
            byte[] core = in.readNBytes((int) coreLen);
            if (index < 0 || term < 0) {
                throw new CorruptSnapshotException(path, "negative term or index: " + term + "/" + index);
            }
            return new SnapshotFile(term, index, new Hlc(wall, logical), raft, core);
        }
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A snapshot file that fails verification. */
    public static final class CorruptSnapshotException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(Path path, String what) {
            super("corrupt snapshot " + path.getFileName() + ": " + what);
        }
    }
}
