package io.metagroup.example.catalog.internal;

import io.metagroup.example.catalog.Catalog;
import io.metagroup.example.catalog.CatalogCommand;
import io.metagroup.model.Bytes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The catalog's snapshot section, also the input of its digest: the commands that rebuild the catalog from an
 * empty one ({@link Catalog#commands()}, a canonical order), each in the host's payload format. Big-endian:
 * <pre>
 *   u32 magic "CTLG" (0x43544C47) · u8 format version (1) · u32 command count
 *   per command: u32 payload length (1..65536) · the payload
 * </pre>
 * Restoring replays the commands through {@link CatalogRules}, so a section that breaks a rule (a grant to a user
 * it never created) is refused like a malformed one.
 */
final class CatalogSnapshot {
    static final int MAGIC = 0x4354_4C47;
    static final int FORMAT_VERSION = 1;
    private static final int MAX_COMMAND_BYTES = 64 * 1024;

    private CatalogSnapshot() {}

    static void write(Catalog catalog, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        List<CatalogCommand> commands = catalog.commands();
        out.writeInt(MAGIC);
        out.writeByte(FORMAT_VERSION);
        out.writeInt(commands.size());
        for (CatalogCommand command : commands) {
            byte[] payload = command.payload().toByteArray();
            out.writeInt(payload.length);
            out.write(payload);
        }
        out.flush();
    }

    /**
     * Reads a section written by {@link #write}.
     *
     * @throws IOException naming what is malformed
     */
    static Catalog read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw malformed(String.format("starts with 0x%08X, not the magic 0x%08X ('CTLG')", magic, MAGIC));
            }
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw malformed("has format version " + version + "; this plugin reads version " + FORMAT_VERSION);
            }
            int count = in.readInt();
            if (count < 0) {
                throw malformed("has a negative command count " + count);
            }
            Catalog catalog = Catalog.empty();
            for (int i = 1; i <= count; i++) {
                catalog = replay(catalog, in, i);
            }
            if (in.read() != -1) {
                throw malformed("has bytes after its last command");
            }
            return catalog;
        } catch (EOFException e) {
            throw malformed("is truncated");
        }
    }

    private static Catalog replay(Catalog catalog, DataInputStream in, int number) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_COMMAND_BYTES) {
            throw malformed("gives command #" + number + " a length of " + length + " bytes; 1 to "
                    + MAX_COMMAND_BYTES + " are allowed");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        try {
            return CatalogRules.after(catalog, CatalogCommand.decode(Bytes.of(payload)));
        } catch (IllegalArgumentException | CatalogRules.Refused e) {
            throw malformed("command #" + number + ": " + e.getMessage());
        }
    }

    private static IOException malformed(String what) {
        return new IOException("catalog snapshot section " + what);
    }
}
