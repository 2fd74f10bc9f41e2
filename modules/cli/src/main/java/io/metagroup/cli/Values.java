package io.metagroup.cli;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.Hlc;
import java.time.Duration;
import java.util.Arrays;
import io.metagroup.runtime.NodeConfigs;
import java.util.Locale;
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
}
