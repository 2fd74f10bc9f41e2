package io.metagroup.plugin.migration.internal;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationCheckpointPayload.AddLearner;
import io.metagroup.model.MigrationCheckpointPayload.CatchUp;
import io.metagroup.model.MigrationCheckpointPayload.Complete;
import io.metagroup.model.MigrationCheckpointPayload.Cutover;
import io.metagroup.model.MigrationCheckpointPayload.LeadershipTransfer;
import io.metagroup.model.MigrationCheckpointPayload.PromoteLearner;
import io.metagroup.model.MigrationPhase;
import io.metagroup.plugin.migration.MigrationRow;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The canonical encoding of a {@link MigrationRow}: the value stored in the MapDB file, and the unit of the
 * snapshot section (whose bytes are also the digest's input). Big-endian:
 * <pre>
 *   row     = u8 row format (1) · u8 id length · migration id (ASCII) · u8 phase code · u32 attempt · payload
 *             · u32 crc32c · u64 tsMs · u8 origin flag (0 none, 1 an AddLearner payload follows) · [payload]
 *             · u32 CRC32C of every byte before it
 *   payload = u32 vshard, then by phase code:
 *     1 AddLearner          u64 source node · u64 target node · u64 source group · u64 pause budget us
 *                           · u64 HLC wall nanos · u32 HLC logical
 *     2 CatchUp             u64 learner log index at add
 *     3 PromoteLearner      u64 target node · u64 source group
 *     4 LeadershipTransfer  u8 target is voter · u64 new leader · u64 source group
 *     5 Cutover             u64 new leader · u64 source group
 *     6 Complete            u64 actual pause us · u8 ghost stub installed
 *   section = u32 magic "MGMS" (0x4D474D53) · u32 format version (1) · u32 row count
 *             · per row, ascending migration id: u32 length · row
 * </pre>
 * Phase codes are explicit, never {@code ordinal()}. The trailing CRC32C of a row guards against bytes changed
 * under MapDB: a row that fails it, or any other check, is never served.
 */
final class RowCodec {
    static final int ROW_FORMAT = 1;
    static final int SECTION_MAGIC = 0x4D47_4D53;
    static final int SECTION_FORMAT = 1;
    /** Far above any real row (at most 150 bytes); bounds what a malformed length can make a reader allocate. */
    static final int MAX_ROW_BYTES = 1024;

    private RowCodec() {}

    /** The bytes of {@code row}. */
    static byte[] encode(MigrationRow row) {
        ByteBuffer out = ByteBuffer.allocate(MAX_ROW_BYTES);
        MigrationCheckpoint c = row.checkpoint();
        byte[] id = c.migrationId().getBytes(StandardCharsets.US_ASCII);
        out.put((byte) ROW_FORMAT).put((byte) id.length).put(id);
        out.put((byte) phaseCode(c.phase())).putInt((int) c.attempt());
        putPayload(c.payload(), out);
        out.putInt((int) c.crc32c()).putLong(c.tsMs());
        out.put((byte) (row.origin().isPresent() ? 1 : 0));
        row.origin().ifPresent(origin -> putPayload(origin, out));
        out.putInt((int) crc(out.array(), out.position()));
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * The row encoded in {@code bytes}.
     *
     * @throws IOException naming what is wrong: a CRC mismatch, truncation, trailing bytes, an unknown code or an
     *                     invalid field
     */
    static MigrationRow decode(byte[] bytes) throws IOException {
        if (bytes.length < 5) {
            throw new IOException("row of " + bytes.length + " bytes is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        long stored = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt());
        long actual = crc(bytes, bytes.length - 4);
        if (stored != actual) {
            throw new IOException(String.format("row CRC32C is 0x%08x but its bytes give 0x%08x", stored, actual));
        }
        try {
            int format = Byte.toUnsignedInt(in.get());
            if (format != ROW_FORMAT) {
                throw new IOException("row format " + format + " is unknown; this plugin reads format " + ROW_FORMAT);
            }
            byte[] id = new byte[Byte.toUnsignedInt(in.get())];
            in.get(id);
            MigrationPhase phase = phase(Byte.toUnsignedInt(in.get()));
            long attempt = Integer.toUnsignedLong(in.getInt());
            MigrationCheckpointPayload payload = getPayload(phase, in);
            long crc32c = Integer.toUnsignedLong(in.getInt());
            long tsMs = in.getLong();
            Optional<AddLearner> origin = switch (in.get()) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of((AddLearner) getPayload(MigrationPhase.ADD_LEARNER, in));
                default -> throw new IOException("row has an origin flag other than 0 or 1");
            };
            if (in.hasRemaining()) {
                throw new IOException("row has " + in.remaining() + " bytes after its last field");
            }
            MigrationCheckpoint checkpoint = new MigrationCheckpoint(new String(id, StandardCharsets.US_ASCII), phase,
                    attempt, payload, crc32c, tsMs);
            return new MigrationRow(checkpoint, origin);
        } catch (BufferUnderflowException e) {
            throw new IOException("row is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("row holds an invalid value: " + e.getMessage(), e);
        }
    }

    /** Writes the section of {@code rows}, which must be in ascending migration id order. */
    static void writeSection(Collection<MigrationRow> rows, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeInt(SECTION_MAGIC);
        out.writeInt(SECTION_FORMAT);
        out.writeInt(rows.size());
        for (MigrationRow row : rows) {
            byte[] bytes = encode(row);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.flush();
    }

    /**
     * Reads a section written by {@link #writeSection}, reading no byte past its end.
     *
     * @throws IOException naming what is malformed
     */
    static TreeMap<String, MigrationRow> readSection(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        TreeMap<String, MigrationRow> rows = new TreeMap<>();
        try {
            int magic = in.readInt();
            if (magic != SECTION_MAGIC) {
                throw malformed(String.format("starts with 0x%08X, not the magic 0x%08X ('MGMS')", magic, SECTION_MAGIC));
            }
            int format = in.readInt();
            if (format != SECTION_FORMAT) {
                throw malformed("has format version " + format + "; this plugin reads version " + SECTION_FORMAT);
            }
            int count = in.readInt();
            if (count < 0) {
                throw malformed("has a negative row count " + count);
            }
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > MAX_ROW_BYTES) {
                    throw malformed("row " + i + " has length " + length + ", outside 0.." + MAX_ROW_BYTES);
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                MigrationRow row;
                try {
                    row = decode(bytes);
                } catch (IOException e) {
                    throw malformed("row " + i + ": " + e.getMessage());
                }
                if (!rows.isEmpty() && rows.lastKey().compareTo(row.migrationId()) >= 0) {
                    throw malformed("lists migration " + row.migrationId() + " after " + rows.lastKey()
                            + ": ids must ascend");
                }
                rows.put(row.migrationId(), row);
            }
            return rows;
        } catch (EOFException e) {
            throw malformed("is truncated");
        }
    }

    private static IOException malformed(String what) {
        return new IOException("migration snapshot section " + what);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static void putPayload(MigrationCheckpointPayload payload, ByteBuffer out) {
        out.putInt((int) payload.vshardId());
        payload.accept(new MigrationCheckpointPayload.Visitor<ByteBuffer>() {
            @Override
            public ByteBuffer addLearner(AddLearner p) {
                return out.putLong(p.sourceNode()).putLong(p.targetNode()).putLong(p.sourceGroup())
                        .putLong(p.writePauseBudgetUs()).putLong(p.startedAtHlc().wallNanos())
                        .putInt((int) p.startedAtHlc().logical());
            }

            @Override
            public ByteBuffer catchUp(CatchUp p) {
                return out.putLong(p.learnerLogIndexAtAdd());
            }

            @Override
            public ByteBuffer promoteLearner(PromoteLearner p) {
                return out.putLong(p.targetNode()).putLong(p.sourceGroup());
            }

            @Override
            public ByteBuffer leadershipTransfer(LeadershipTransfer p) {
                return out.put((byte) (p.targetIsVoter() ? 1 : 0)).putLong(p.newLeaderNodeId())
                        .putLong(p.sourceGroup());
            }

            @Override
            public ByteBuffer cutover(Cutover p) {
                return out.putLong(p.newLeaderNodeId()).putLong(p.sourceGroup());
            }

            @Override
            public ByteBuffer complete(Complete p) {
                return out.putLong(p.actualPauseUs()).put((byte) (p.ghostStubInstalled() ? 1 : 0));
            }
        });
    }

    private static MigrationCheckpointPayload getPayload(MigrationPhase phase, ByteBuffer in) throws IOException {
        long vshard = Integer.toUnsignedLong(in.getInt());
        return switch (phase) {
            case ADD_LEARNER -> new AddLearner(vshard, in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    new Hlc(in.getLong(), Integer.toUnsignedLong(in.getInt())));
            case CATCH_UP -> new CatchUp(vshard, in.getLong());
            case PROMOTE_LEARNER -> new PromoteLearner(vshard, in.getLong(), in.getLong());
            case LEADERSHIP_TRANSFER -> new LeadershipTransfer(vshard, flag(in), in.getLong(), in.getLong());
            case CUTOVER -> new Cutover(vshard, in.getLong(), in.getLong());
            case COMPLETE -> new Complete(vshard, in.getLong(), flag(in));
        };
    }

    private static boolean flag(ByteBuffer in) throws IOException {
        return switch (in.get()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new IOException("row has a boolean field other than 0 or 1");
        };
    }

    private static int phaseCode(MigrationPhase phase) {
        return switch (phase) {
            case ADD_LEARNER -> 1;
            case CATCH_UP -> 2;
            case PROMOTE_LEARNER -> 3;
            case LEADERSHIP_TRANSFER -> 4;
            case CUTOVER -> 5;
            case COMPLETE -> 6;
        };
    }

    private static MigrationPhase phase(int code) throws IOException {
        return switch (code) {
            case 1 -> MigrationPhase.ADD_LEARNER;
            case 2 -> MigrationPhase.CATCH_UP;
            case 3 -> MigrationPhase.PROMOTE_LEARNER;
            case 4 -> MigrationPhase.LEADERSHIP_TRANSFER;
            case 5 -> MigrationPhase.CUTOVER;
            case 6 -> MigrationPhase.COMPLETE;
            default -> throw new IOException("row has unknown phase code " + code);
        };
    }
}
