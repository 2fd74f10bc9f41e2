package io.metagroup.example.catalog;

import io.metagroup.model.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's own payload format for {@link CatalogCommand}s: big-endian, written with {@link DataOutputStream}.
 * <pre>
 *   u8 magic 0xCA · u8 format version 1 · u8 command tag · the command's fields
 *   tag 1 CreateCollection: name · u16 field count (1..256) · per field: name · type
 *   tag 2 DropCollection:   name
 *   tag 3 CreateUser:       name
 *   tag 4 DropUser:         name
 *   tag 5 Grant:            user · collection · u8 privilege (1 READ, 2 WRITE, 3 ADMIN)
 *   tag 6 Revoke:           user · collection · u8 privilege
 *   name, type: u16 byte length + the characters (ASCII by their syntax, so UTF-8 and Java's modified UTF-8 agree)
 * </pre>
 * Nothing may follow the last field, each command has exactly one payload (no overlong UTF-8), and a payload is
 * at most {@value #MAX_PAYLOAD_BYTES} bytes. Tags are written explicitly, so adding a command never renumbers the
 * others; a change to the bytes raises the format version.
 */
final class CatalogPayload {
    static final int MAGIC = 0xCA;
    static final int FORMAT_VERSION = 1;
    static final int MAX_FIELDS = 256;
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final int CREATE_COLLECTION = 1;
    private static final int DROP_COLLECTION = 2;
    private static final int CREATE_USER = 3;
    private static final int DROP_USER = 4;
    private static final int GRANT = 5;
    private static final int REVOKE = 6;

    private CatalogPayload() {}

    static Bytes encode(CatalogCommand command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(MAGIC);
            out.writeByte(FORMAT_VERSION);
            command.accept(new Writers()).writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return Bytes.of(bytes.toByteArray());
    }

    static CatalogCommand decode(Bytes payload) {
        try {
            return read(payload);
        } catch (Malformed e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Malformed("holds an invalid command: " + e.getMessage());
        }
    }

    private static CatalogCommand read(Bytes payload) {
        if (payload.length() > MAX_PAYLOAD_BYTES) {
            throw new Malformed("is " + payload.length() + " bytes, more than the " + MAX_PAYLOAD_BYTES + " allowed");
        }
        if (payload.length() == 0) {
            throw new Malformed("is empty");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload.toByteArray()));
        try {
            int magic = in.readUnsignedByte();
            if (magic != MAGIC) {
                throw new Malformed(String.format("starts with 0x%02X, not the catalog magic 0x%02X", magic, MAGIC));
            }
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new Malformed("has format version " + version + "; this plugin reads version " + FORMAT_VERSION);
            }
            CatalogCommand command = readCommand(in);
            if (in.available() > 0) {
                throw new Malformed("has " + in.available() + " bytes after its " + command.getClass().getSimpleName());
            }
            if (!encode(command).equals(payload)) {
                // Java's modified UTF-8 reader takes overlong forms; one command has one payload, so refuse them
                throw new Malformed("is not in its canonical form (overlong UTF-8); it reads as " + command);
            }
            return command;
        } catch (EOFException e) {
            throw new Malformed("is truncated");
        } catch (IOException e) {
            throw new Malformed("holds a string that is not valid UTF-8: " + e.getMessage());
        }
    }

    private static CatalogCommand readCommand(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case CREATE_COLLECTION: {
                String name = Names.name(in.readUTF(), "collection name");
                int count = in.readUnsignedShort();
                if (count == 0 || count > MAX_FIELDS) {
                    throw new Malformed("gives collection '" + name + "' " + count + " fields; 1 to " + MAX_FIELDS
                            + " are allowed");
                }
                List<Field> fields = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    fields.add(new Field(in.readUTF(), in.readUTF()));
                }
                return new CatalogCommand.CreateCollection(name, fields);
            }
            case DROP_COLLECTION:
                return new CatalogCommand.DropCollection(in.readUTF());
            case CREATE_USER:
                return new CatalogCommand.CreateUser(in.readUTF());
            case DROP_USER:
                return new CatalogCommand.DropUser(in.readUTF());
            case GRANT:
                return new CatalogCommand.Grant(readPermission(in));
            case REVOKE:
                return new CatalogCommand.Revoke(readPermission(in));
            default:
                throw new Malformed("has unknown command tag " + tag + " (1 to 6 are defined)");
        }
    }

    private static Permission readPermission(DataInputStream in) throws IOException {
        return new Permission(in.readUTF(), in.readUTF(), Privilege.ofCode(in.readUnsignedByte()));
    }

    /** Bytes that are not a payload of this format; the message starts "payload ". */
    private static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super("payload " + what);
        }
    }

    /** Writes a command's tag and fields. */
    private interface FieldWriter {
        void writeTo(DataOutputStream out) throws IOException;
    }

    /** The writer of each command's tag and fields. */
    private static final class Writers implements CatalogCommand.Visitor<FieldWriter> {

        @Override
        public FieldWriter createCollection(CatalogCommand.CreateCollection c) {
            return out -> {
                named(CREATE_COLLECTION, c.name()).writeTo(out);
                out.writeShort(c.fields().size());
                for (Field f : c.fields()) {
                    out.writeUTF(f.name());
                    out.writeUTF(f.type());
                }
            };
        }

        @Override
        public FieldWriter dropCollection(CatalogCommand.DropCollection c) {
            return named(DROP_COLLECTION, c.name());
        }

        @Override
        public FieldWriter createUser(CatalogCommand.CreateUser c) {
            return named(CREATE_USER, c.name());
        }

        @Override
        public FieldWriter dropUser(CatalogCommand.DropUser c) {
            return named(DROP_USER, c.name());
        }

        @Override
        public FieldWriter grant(CatalogCommand.Grant c) {
            return permission(GRANT, c.permission());
        }

        @Override
        public FieldWriter revoke(CatalogCommand.Revoke c) {
            return permission(REVOKE, c.permission());
        }

        private static FieldWriter named(int tag, String name) {
            return out -> {
                out.writeByte(tag);
                out.writeUTF(name);
            };
        }

        private static FieldWriter permission(int tag, Permission p) {
            return out -> {
                named(tag, p.user()).writeTo(out);
                out.writeUTF(p.collection());
                out.writeByte(p.privilege().code());
            };
        }
    }
}
