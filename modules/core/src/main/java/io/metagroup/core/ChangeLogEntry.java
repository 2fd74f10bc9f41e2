package io.metagroup.core;

import java.util.Objects;

/**
 * One entry of a change log the cache keeps (topology or routing): the change and the log index it was applied at.
 *
 * @param index  the log index of the record that applied the change
 * @param change the change
 * @param <T>    the kind of change
 */
public record ChangeLogEntry<T>(long index, T change) {
    public ChangeLogEntry {
        if (index < 1) {
            throw new IllegalArgumentException("change log index must be at least 1, got " + index);
        }
        Objects.requireNonNull(change, "change");
    }
}
