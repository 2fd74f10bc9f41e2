package io.metagroup.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Argument checks shared by the model's compact constructors. */
final class Check {
    static final long U32_MAX = 0xFFFF_FFFFL;
    static final int U16_MAX = 0xFFFF;

    private Check() {}

    static <T> T notNull(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null");
    }

    static long u32(long value, String field) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(field + " must be an unsigned 32-bit value (0.." + U32_MAX + "), got " + value);
        }
        return value;
    }

    static int u16(int value, String field) {
        if (value < 0 || value > U16_MAX) {
            throw new IllegalArgumentException(field + " must be an unsigned 16-bit value (0.." + U16_MAX + "), got " + value);
        }
        return value;
    }

    static String nonEmpty(String value, String field) {
        notNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    /** Immutable copy of a list that must hold no nulls. */
    static <T> List<T> list(List<T> values, String field) {
        notNull(values, field);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new NullPointerException(field + "[" + i + "] must not be null");
            }
        }
        return List.copyOf(values);
    }

    /** A UUID in its canonical form: 36 characters, lower-case hex, hyphenated. */
    static String uuid(String value, String field) {
        notNull(value, field);
        try {
            if (value.length() == 36 && UUID.fromString(value).toString().equals(value)) {
                return value;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the field name
        }
        throw new IllegalArgumentException(field + " must be a canonical lower-case hyphenated UUID, got '" + value + "'");
    }
}
