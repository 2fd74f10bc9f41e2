package io.metagroup.core;

import java.util.Objects;

/**
 * One member of a node's plugin set: a plugin's id and version. Every node of a group runs the same list, in the
 * same (plugin) order.
 *
 * @param id      the plugin id
 * @param version the plugin version
 */
public record PluginInfo(String id, int version) {
    public PluginInfo {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
