package io.metagroup.plugin.audit.internal;

import io.metagroup.plugin.audit.internal.SegmentFormat.Frame;
import io.metagroup.plugin.audit.internal.SegmentFormat.Header;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one segment file front to back: its header, then one frame at a time. A frame that is incomplete, or
 * damaged and followed only by zero bytes, is reported as a torn tail (what a crash before the fsync of the last
 * write leaves); any other bad frame as damage.
 */
final class SegmentReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final Header header;
    private long position = SegmentFormat.HEADER_BYTES;

    private SegmentReader(Path file, FileChannel channel, long size, Header header) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.header = header;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws SegmentDamage when the header is missing or wrong
     * @throws IOException   when the file cannot be read
     */
    static SegmentReader open(Path file) throws IOException, SegmentDamage {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < SegmentFormat.HEADER_BYTES) {
                throw new SegmentDamage(file, 0, size == 0, "is " + size + " bytes long, shorter than a segment header");
            }
            byte[] head = new byte[SegmentFormat.HEADER_BYTES];
            readFully(channel, ByteBuffer.wrap(head), 0);
            Header header;
            try {
                header = SegmentFormat.decodeHeader(head);
            } catch (IOException e) {
                throw new SegmentDamage(file, 0, false, e.getMessage());
            }
            return new SegmentReader(file, channel, size, header);
        } catch (IOException | SegmentDamage | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Header header() {
        return header;
    }

    Path file() {
        return file;
    }

    /** The offset just past the last frame read, where a truncation of a torn tail cuts. */
    long position() {
        return position;
    }

    /**
     * The next frame, or null at the end of the file.
     *
     * @throws SegmentDamage at a torn or damaged frame; {@link #position()} stays at its start
     */
    Frame next() throws IOException, SegmentDamage {
        long remaining = size - position;
        if (remaining == 0) {
            return null;
        }
        if (remaining < 4) {
            throw new SegmentDamage(file, position, true, "ends in " + remaining + " bytes of an incomplete frame");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(4);
        readFully(channel, lengthBytes, position);
        long length = Integer.toUnsignedLong(lengthBytes.getInt(0));
        if (length == 0 || length > SegmentFormat.MAX_FRAME_BYTES) {
            throw new SegmentDamage(file, position, zerosToEnd(), "has a frame length of " + length + " bytes");
        }
        if (4 + length + 4 > remaining) {
            throw new SegmentDamage(file, position, true, "ends inside a frame of " + length + " bytes");
        }
        ByteBuffer frame = ByteBuffer.allocate((int) length + 4);
        readFully(channel, frame, position + 4);
        byte[] body = new byte[(int) length];
        frame.get(0, body);
        long stored = Integer.toUnsignedLong(frame.getInt((int) length));
        boolean last = position + 4 + length + 4 == size;
        if (stored != SegmentFormat.crc(body, 0, body.length)) {
            throw new SegmentDamage(file, position, last || zerosToEnd(), "has a frame whose CRC32C does not match");
        }
        Frame decoded;
        try {
            decoded = SegmentFormat.decodeBody(body);
        } catch (IOException e) {
            throw new SegmentDamage(file, position, false, "has a malformed frame: " + e.getMessage());
        }
        position += 4 + length + 4;
        return decoded;
    }

    /** True when every byte from the current position to the end is zero (space a crash left unwritten). */
    private boolean zerosToEnd() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (long at = position; at < size; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), size - at));
            readFully(channel, buf, at);
            for (int i = 0; i < buf.limit(); i++) {
                if (buf.get(i) != 0) {
                    return false;
                }
            }
            at += buf.limit();
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long at) throws IOException {
        long offset = at;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, offset);
            if (n < 0) {
                throw new EOFException("unexpected end of file at offset " + offset);
            }
            offset += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A torn or damaged place in a segment. */
    static final class SegmentDamage extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final long offset;
        private final boolean torn;

        SegmentDamage(Path file, long offset, boolean torn, String what) {
            super("audit segment " + file + " " + what + " at offset " + offset);
            this.file = file;
            this.offset = offset;
            this.torn = torn;
        }

        Path file() {
            return file;
        }

        long offset() {
            return offset;
        }

        /** True when this is the tail a crash before an fsync can leave (nothing valid follows it). */
        boolean torn() {
            return torn;
        }
    }
}
