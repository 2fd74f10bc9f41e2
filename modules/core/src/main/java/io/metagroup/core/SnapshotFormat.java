package io.metagroup.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The framing of a core snapshot.
 *
 * <pre>
 * snapshot := "MGSN" u16:formatVersion frame*
 * frame    := u8:kind u32:length payload[length] u32:crc32c(kind, length, payload)   (length at most 64 KiB)
 * frames   := HEADER (SECTION DATA*)* END
 * HEADER   := u64:index u32:pluginCount (u32:len utf8:id i32:version)*
 * SECTION  := utf8:name          DATA := section bytes          END := u32:sectionCount
 * </pre>
 *
 * Sections are written and read as streams, so neither side holds a whole section in memory, and every byte an
 * applier reads has passed its frame's CRC. All numbers are big-endian.
 */
final class SnapshotFormat {
    static final int FORMAT_VERSION = 1;
    static final int MAX_FRAME = 64 * 1024;
    private static final byte[] MAGIC = {'M', 'G', 'S', 'N'};

    private static final int HEADER = 1;
    private static final int SECTION = 2;
    private static final int DATA = 3;
    private static final int END = 4;

    private SnapshotFormat() {}

    /** Writes the bytes of one section. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** What the header frame says. */
    record Header(long index, List<PluginInfo> pluginSet) {}

    /** Writes one snapshot: {@link #header}, then each section, then {@link #end}. */
    static final class Writer {
        private final DataOutputStream out;
        private int sections;

        Writer(OutputStream out) throws IOException {
            this.out = new DataOutputStream(out);
            this.out.write(MAGIC);
            this.out.writeShort(FORMAT_VERSION);
        }

        void header(long index, List<PluginInfo> pluginSet) throws IOException {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            StateOutput header = new StateOutput(payload);
            header.i64(index);
            header.i32(pluginSet.size());
            for (PluginInfo plugin : pluginSet) {
                header.string(plugin.id());
                header.i32(plugin.version());
            }
            header.flush();
            frame(HEADER, payload.toByteArray(), payload.size());
        }

        /** Writes section {@code name}, whose bytes {@code body} writes. */
        void section(String name, Body body) throws IOException {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            frame(SECTION, utf8, utf8.length);
            try (SectionOutput data = new SectionOutput()) {
                body.write(data);
            }
            sections++;
        }

        void end() throws IOException {
            frame(END, ByteBuffer.allocate(4).putInt(sections).array(), 4);
            out.flush();
        }

        private void frame(int kind, byte[] payload, int length) throws IOException {
            out.writeByte(kind);
            out.writeInt(length);
            out.write(payload, 0, length);
            out.writeInt(crc(kind, payload, length));
        }

        /** Cuts a section's bytes into DATA frames. Closing it flushes the last frame, never the snapshot. */
        private final class SectionOutput extends OutputStream {
            private final byte[] buffer = new byte[MAX_FRAME];
            private int filled;

            @Override
            public void write(int b) throws IOException {
                if (filled == buffer.length) {
                    flushFrame();
                }
                buffer[filled++] = (byte) b;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    if (filled == buffer.length) {
                        flushFrame();
                    }
                    int n = Math.min(length, buffer.length - filled);
                    System.arraycopy(bytes, offset, buffer, filled, n);
                    filled += n;
                    offset += n;
                    length -= n;
                }
            }

            @Override
            public void close() throws IOException {
                if (filled > 0) {
                    flushFrame();
                }
            }

            private void flushFrame() throws IOException {
                frame(DATA, buffer, filled);
                filled = 0;
            }
        }
    }

    /** Reads one snapshot, checking every frame before any of its bytes are used. */
    static final class Reader {
        private final DataInputStream in;
        private int framesRead;
        private int sectionsRead;
        private Frame pending;

        private record Frame(int kind, byte[] payload) {}

        Reader(InputStream in) throws IOException {
            this.in = new DataInputStream(in);
            byte[] magic = new byte[MAGIC.length];
            try {
                this.in.readFully(magic);
            } catch (EOFException e) {
                throw new IOException("not a Metagroup core snapshot: shorter than its 6-byte preamble", e);
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Metagroup core snapshot: it starts with " + hex(magic) + ", not 4d47534e (\"MGSN\")");
            }
            int version;
            try {
                version = this.in.readUnsignedShort();
            } catch (EOFException e) {
                throw new IOException("not a Metagroup core snapshot: truncated in its format version", e);
            }
            if (version != FORMAT_VERSION) {
                throw new IOException("snapshot format version " + version + " is not supported: this node reads version "
                        + FORMAT_VERSION);
            }
        }

        Header header() throws IOException {
            Frame frame = next();
            if (frame.kind != HEADER) {
                throw new IOException("snapshot frame 0 is a " + kindName(frame.kind) + " frame, not the header");
            }
            StateInput header = new StateInput(new ByteArrayInputStream(frame.payload), "header");
            long index = header.i64("index");
            int count = header.count("plugin count");
            List<PluginInfo> plugins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = header.string("plugin[" + i + "].id");
                plugins.add(new PluginInfo(id, header.i32("plugin[" + i + "].version")));
            }
            header.expectEnd();
            return new Header(index, List.copyOf(plugins));
        }

        /** Moves to section {@code expected} and returns its bytes as a stream, which ends with the section. */
        InputStream section(String expected) throws IOException {
            Frame frame = next();
            if (frame.kind == END) {
                throw new IOException("snapshot ends after " + sectionsRead + " sections; section '" + expected
                        + "' is missing");
            }
            if (frame.kind != SECTION) {
                throw new IOException("snapshot frame " + (framesRead - 1) + " is a " + kindName(frame.kind)
                        + " frame where section '" + expected + "' should start");
            }
            String name = new String(frame.payload, StandardCharsets.UTF_8);
            if (!name.equals(expected)) {
                throw new IOException("snapshot holds section '" + name + "' where section '" + expected
                        + "' is expected");
            }
            sectionsRead++;
            return new SectionInput(name);
        }

        /** Checks that the section just read was read to its end. */
        void finishSection(InputStream section) throws IOException {
            long unread = ((SectionInput) section).drain();
            if (unread > 0) {
                throw new IOException("snapshot section '" + ((SectionInput) section).name + "' has " + unread
                        + " bytes its applier did not read");
            }
        }

        void end() throws IOException {
            Frame frame = next();
            if (frame.kind != END) {
                throw new IOException("snapshot holds a " + kindName(frame.kind) + " frame after its last expected section ("
                        + sectionsRead + " sections)");
            }
            if (frame.payload.length != 4) {
                throw new IOException("snapshot end frame is " + frame.payload.length + " bytes, not 4");
            }
            int count = ByteBuffer.wrap(frame.payload).getInt();
            if (count != sectionsRead) {
                throw new IOException("snapshot end frame counts " + count + " sections, but " + sectionsRead + " were read");
            }
        }

        private Frame next() throws IOException {
            if (pending != null) {
                Frame frame = pending;
                pending = null;
                return frame;
            }
            int number = framesRead;
            try {
                int kind = in.readUnsignedByte();
                int length = in.readInt();
                if (kind < HEADER || kind > END) {
                    throw new IOException("snapshot frame " + number + " has unknown kind " + kind);
                }
                if (length < 0 || length > MAX_FRAME) {
                    throw new IOException("snapshot frame " + number + " claims " + Integer.toUnsignedString(length)
                            + " bytes, more than the limit of " + MAX_FRAME);
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (in.readInt() != crc(kind, payload, length)) {
                    throw new IOException("snapshot frame " + number + " (" + kindName(kind) + ") fails its CRC32C check");
                }
                framesRead++;
                return new Frame(kind, payload);
            } catch (EOFException e) {
                throw new IOException("snapshot is truncated in frame " + number, e);
            }
        }

        /** The DATA frames of one section as a stream; the next non-DATA frame ends it. */
        private final class SectionInput extends InputStream {
            private final String name;
            private byte[] buffer = new byte[0];
            private int position;
            private boolean ended;

            SectionInput(String name) {
                this.name = name;
            }

            @Override
            public int read() throws IOException {
                if (!fill()) {
                    return -1;
                }
                return buffer[position++] & 0xFF;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, bytes.length);
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(length, buffer.length - position);
                System.arraycopy(buffer, position, bytes, offset, n);
                position += n;
                return n;
            }

            @Override
            public void close() {
                // the section ends with its frames, not when an applier closes it
            }

            long drain() throws IOException {
                long unread = 0;
                while (fill()) {
                    unread += buffer.length - position;
                    position = buffer.length;
                }
                return unread;
            }

            private boolean fill() throws IOException {
                while (position == buffer.length) {
                    if (ended) {
                        return false;
                    }
                    Frame frame = next();
                    if (frame.kind != DATA) {
                        pending = frame;
                        ended = true;
                        return false;
                    }
                    buffer = frame.payload;
                    position = 0;
                }
                return true;
            }
        }
    }

    /** CRC32C over a frame's kind, length and payload. */
    private static int crc(int kind, byte[] payload, int length) {
        CRC32C crc = new CRC32C();
        crc.update(kind);
        crc.update(ByteBuffer.allocate(4).putInt(length).array());
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }

    private static String kindName(int kind) {
        switch (kind) {
            case HEADER:
                return "header";
            case SECTION:
                return "section";
            case DATA:
                return "data";
            case END:
                return "end";
            default:
                return "unknown (" + kind + ")";
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
