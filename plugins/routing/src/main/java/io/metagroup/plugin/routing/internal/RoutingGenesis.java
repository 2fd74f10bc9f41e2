package io.metagroup.plugin.routing.internal;

import io.metagroup.plugin.routing.RoutingTable;
import io.metagroup.spi.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the routing genesis from the {@code plugin.routing.genesis.*} settings (see {@link RoutingPlugin}). */
final class RoutingGenesis {
    static final String GROUPS = "genesis.groups";
    static final String NODES = "genesis.nodes";
    static final String REPLICATION_FACTOR = "genesis.replication-factor";

    private RoutingGenesis() {}

    static RoutingTable fromSettings(PluginContext context) {
        Optional<String> groups = context.setting(GROUPS);
        Optional<String> nodes = context.setting(NODES);
        Optional<String> factor = context.setting(REPLICATION_FACTOR);
        if (groups.isEmpty() && nodes.isEmpty() && factor.isEmpty()) {
            return RoutingTable.empty();
        }
        List<String> missing = new ArrayList<>();
        groups.ifPresentOrElse(v -> {}, () -> missing.add(name(GROUPS)));
        nodes.ifPresentOrElse(v -> {}, () -> missing.add(name(NODES)));
        factor.ifPresentOrElse(v -> {}, () -> missing.add(name(REPLICATION_FACTOR)));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the routing genesis needs " + name(GROUPS) + ", " + name(NODES)
                    + " and " + name(REPLICATION_FACTOR) + " together; missing " + String.join(", ", missing));
        }
        try {
            return RoutingTable.uniform(positiveInt(GROUPS, groups.get()), nodeIds(nodes.get()),
                    positiveInt(REPLICATION_FACTOR, factor.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the routing genesis is invalid: " + e.getMessage(), e);
        }
    }

    private static int positiveInt(String key, String value) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(name(key) + " must be a whole number of at least 1, got '" + value + "'");
    }

    private static List<Long> nodeIds(String value) {
        List<Long> ids = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                ids.add(Long.parseUnsignedLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name(NODES) + " must be comma-separated unsigned node ids, got '"
                        + value + "' ('" + part.strip() + "' is not one)", e);
            }
        }
        return ids;
    }

    private static String name(String key) {
        return "plugin." + RoutingPlugin.ID + "." + key;
    }
}
