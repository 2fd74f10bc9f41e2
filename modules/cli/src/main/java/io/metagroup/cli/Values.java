package io.metagroup.cli;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.runtime.NodeConfigs;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Parsing of the human-readable values the CLI takes; every failure names the value and the form it wants. */
final class Values {
    private Values() {}

    /** {@code collection} → COLLECTION, {@code change-stream} → CHANGE_STREAM. */
    static DescriptorKind kind(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DescriptorKind k : DescriptorKind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown descriptor kind '" + text + "'; one of: " + kindNames());
    }

    static String kindName(DescriptorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String kindNames() {
        return Arrays.stream(DescriptorKind.values()).map(Values::kindName).collect(Collectors.joining(", "));
    }

    /** {@code TENANT:KIND:NAME}, e.g. {@code 1:collection:users}. */
    static DescriptorId descriptor(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a descriptor is written TENANT:KIND:NAME (e.g. 1:collection:users), got '" + text + "'");
        }
        long tenant;
        try {
            tenant = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("descriptor tenant must be a number, got '" + parts[0] + "' in '" + text + "'");
        }
        return new DescriptorId(tenant, kind(parts[1]), parts[2]);
    }

    /** An HLC {@code WALLNANOS.LOGICAL}. */
    static Hlc hlc(String text) {
        return Hlc.parse(text);
    }

    /** A duration like {@code 30s}, {@code 15m}, {@code 2h}, {@code 500ms}. */
    static Duration duration(String text) {
        return NodeConfigs.parseDuration(text);
    }

    /** A duration given as {@code what}, named in the error. */
    static Duration duration(String text, String what) {
        try {
            return duration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Members {@code ID=HOST:PORT,...} as in {@code cluster.peers}; {@code source} names where the text came from.
     * Addresses are checked by syntax only.
     */
    static SortedMap<Long, String> peers(String text, String source) {
        SortedMap<Long, String> peers = new TreeMap<>(Long::compareUnsigned);
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(source + ": '" + p
                        + "' is not ID=HOST:PORT (e.g. 1=127.0.0.1:7001,2=127.0.0.1:7002)");
            }
            long id;
            try {
                id = Long.parseUnsignedLong(p.substring(0, eq).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": node id '" + p.substring(0, eq).strip()
                        + "' is not an unsigned integer");
            }
            String address;
            try {
                address = NodeConfigs.checkAddress(p.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage());
            }
            if (peers.put(id, address) != null) {
                throw new IllegalArgumentException(source + " lists node " + Long.toUnsignedString(id) + " twice");
            }
        }
        return peers;
    }

    /** An idempotency key as printed, {@code PROPOSER/SEQUENCE} (proposer in hex), e.g. {@code 2adabd9ab9286ee4/1}. */
    static IdempotencyKey key(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash > 0) {
                return new IdempotencyKey(Long.parseUnsignedLong(text.substring(0, slash), 16),
                        Long.parseUnsignedLong(text.substring(slash + 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a key is PROPOSER/SEQUENCE as a proposal printed it (e.g. 2adabd9ab9286ee4/1),"
                + " got '" + text + "'");
    }
}
