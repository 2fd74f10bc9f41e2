package io.metagroup.core;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.Hlc;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link StateOutput} wrote. Every error is an {@link IOException} naming the section and the field;
 * lengths are bounded, so hostile bytes cannot make it allocate without limit.
 */
final class StateInput {
    /** The longest string or byte field a section may hold. */
    static final int MAX_FIELD_BYTES = 1 << 20;

    private final DataInputStream in;
    private final String section;

    StateInput(InputStream in, String section) {
        this.in = new DataInputStream(in);
        this.section = section;
    }

    /** An error naming this section. */
    IOException malformed(String what) {
        return new IOException("snapshot section '" + section + "' is malformed: " + what);
    }

    /** Reads one fixed-width field. */
    @FunctionalInterface
    private interface Field<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> T field(String field, Field<T> reader) throws IOException {
        try {
            return reader.read(in);
        } catch (EOFException e) {
            throw malformed("truncated while reading " + field);
        }
    }

    int u8(String field) throws IOException {
        return field(field, DataInputStream::readUnsignedByte);
    }

    boolean bool(String field) throws IOException {
        int value = u8(field);
        if (value > 1) {
            throw malformed(field + " must be 0 or 1, got " + value);
        }
        return value == 1;
    }

    int i32(String field) throws IOException {
        return field(field, DataInputStream::readInt);
    }

    long i64(String field) throws IOException {
        return field(field, DataInputStream::readLong);
    }

    /** A count of following items; only its sign is checked, items are read one by one. */
    int count(String field) throws IOException {
        int value = i32(field);
        if (value < 0) {
            throw malformed(field + " is negative (" + value + ")");
        }
        return value;
    }

    byte[] bytes(String field) throws IOException {
        int length = i32(field + " length");
        if (length < 0 || length > MAX_FIELD_BYTES) {
            throw malformed(field + " length " + length + " is outside 0.." + MAX_FIELD_BYTES);
        }
        byte[] value = new byte[length];
        field(field, data -> {
            data.readFully(value);
            return value;
        });
        return value;
    }

    String string(String field) throws IOException {
        return new String(bytes(field), StandardCharsets.UTF_8);
    }

    Hlc hlc(String field) throws IOException {
        long wall = i64(field + ".wallNanos");
        long logical = i64(field + ".logical");
        try {
            return new Hlc(wall, logical);
        } catch (IllegalArgumentException e) {
            throw malformed(field + ": " + e.getMessage());
        }
    }

    DescriptorId descriptorId(String field) throws IOException {
        long tenant = i64(field + ".tenantId");
        String kindName = string(field + ".kind");
        String name = string(field + ".name");
        DescriptorKind kind;
        try {
            kind = DescriptorKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw malformed(field + ".kind '" + kindName + "' is not a descriptor kind");
        }
        try {
            return new DescriptorId(tenant, kind, name);
        } catch (IllegalArgumentException e) {
            throw malformed(field + ": " + e.getMessage());
        }
    }

    /** Fails unless every byte of the section was read. */
    void expectEnd() throws IOException {
        if (in.read() != -1) {
            throw malformed("trailing bytes after the last field");
        }
    }
}
