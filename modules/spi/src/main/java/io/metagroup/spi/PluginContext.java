package io.metagroup.spi;

import java.nio.file.Path;
import java.util.Optional;

/** What a plugin is given when its applier is built. */
public interface PluginContext {

    /** A directory of the plugin's own under the node's data dir; it exists. */
    Path dataDir();

    /**
     * A node setting addressed to this plugin ({@code plugin.<id>.<key>} in the node config). Settings may differ
     * between nodes, so apply must not depend on them.
     */
    Optional<String> setting(String key);

    /**
     * The applier of a plugin this one declared in {@link ApplierPlugin#dependencies()}, as the type it exposes.
     *
     * @throws IllegalArgumentException when {@code pluginId} was not declared, or its applier is not a {@code type}
     */
    <T> T dependency(String pluginId, Class<T> type);
}
