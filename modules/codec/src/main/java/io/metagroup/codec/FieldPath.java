package io.metagroup.codec;

import java.util.Arrays;

/**
 * Where the codec is inside a value, kept as a stack of field names and list indices so that an error can name
 * {@code proposals[2].entry.batch.entries[0].descriptorLeaseGrant.lease.version}. Rendered only on failure.
 */
final class FieldPath {
    private static final int INDEX_SEGMENT = -1;

    private String[] names = new String[32];
    private int[] indices = new int[32];
    private long[] starts = new long[32];
    private int depth;

    void clear() {
        depth = 0;
    }

    /** Enters field {@code name}, whose value starts at byte {@code start} (-1 when encoding). */
    void push(String name, long start) {
        grow();
        names[depth] = name;
        indices[depth] = INDEX_SEGMENT;
        starts[depth++] = start;
    }

    /** Enters element {@code index} of the list last entered. */
    void pushIndex(int index, long start) {
        grow();
        names[depth] = null;
        indices[depth] = index;
        starts[depth++] = start;
    }

    void pop() {
        depth--;
    }

    /** Byte offset where the innermost value entered starts, or -1. */
    long start() {
        return depth == 0 ? -1 : starts[depth - 1];
    }

    /** The path, with {@code leaf} (may be null) appended as a last field. */
    String render(String leaf) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (names[i] == null) {
                out.append('[').append(indices[i]).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(names[i]);
            }
        }
        if (leaf != null) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(leaf);
        }
        return out.length() == 0 ? "(top)" : out.toString();
    }

    private void grow() {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
            starts = Arrays.copyOf(starts, depth * 2);
        }
    }
}
