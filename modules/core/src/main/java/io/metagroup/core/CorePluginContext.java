package io.metagroup.core;

import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The context a plugin's applier is built with: its own directory, its settings, its declared dependencies. */
final class CorePluginContext implements PluginContext {
    private final String pluginId;
    private final Path dataDir;
    private final Map<String, String> settings;
    private final Set<String> declared;
    private final Map<String, MetadataApplier> built;

    /**
     * @param built the appliers built so far, by id (the cache under {@link MetadataCache#ID}); a plugin's
     *              declared dependencies are among them since plugins are built in order
     */
    CorePluginContext(String pluginId, Path dataDir, Map<String, String> settings, Set<String> declared,
                      Map<String, MetadataApplier> built) {
        this.pluginId = pluginId;
        this.dataDir = dataDir;
        this.settings = settings;
        this.declared = Set.copyOf(declared);
        this.built = built;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Optional<String> setting(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(settings.get("plugin." + pluginId + "." + key));
    }

    @Override
    public <T> T dependency(String pluginId, Class<T> type) {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(type, "type");
        if (!declared.contains(pluginId)) {
            throw new IllegalArgumentException("plugin '" + this.pluginId + "' did not declare a dependency on '"
                    + pluginId + "' (declared: " + new java.util.TreeSet<>(declared) + ")");
        }
        MetadataApplier applier = built.get(pluginId);
        if (applier == null) {
            throw new IllegalStateException("the applier of '" + pluginId + "' is not built yet");
        }
        if (!type.isInstance(applier)) {
            throw new IllegalArgumentException("the applier of '" + pluginId + "' is a " + applier.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(applier);
    }
}
