package io.metagroup.core;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The staged changes of one transaction over a committed sorted map: reads see the staged value first, the
 * committed one otherwise; nothing touches the committed map until {@link #applyTo}. Costs nothing until the first
 * write, then only the touched keys.
 */
final class Overlay<K, V> {
    private final NavigableMap<K, V> base;
    private TreeMap<K, Optional<V>> changes;

    Overlay(NavigableMap<K, V> base) {
        this.base = base;
    }

    V get(K key) {
        if (changes != null) {
            Optional<V> staged = changes.get(key);
            if (staged != null) {
                return staged.orElse(null);
            }
        }
        return base.get(key);
    }

    void put(K key, V value) {
        changes().put(key, Optional.of(value));
    }

    void remove(K key) {
        changes().put(key, Optional.empty());
    }

    /** Writes the staged changes into {@code target} (the committed map, under its write lock). */
    void applyTo(NavigableMap<K, V> target) {
        if (changes == null) {
            return;
        }
        for (Map.Entry<K, Optional<V>> change : changes.entrySet()) {
            if (change.getValue().isPresent()) {
                target.put(change.getKey(), change.getValue().get());
            } else {
                target.remove(change.getKey());
            }
        }
    }

    private TreeMap<K, Optional<V>> changes() {
        if (changes == null) {
            changes = new TreeMap<>(base.comparator());
        }
        return changes;
    }
}
