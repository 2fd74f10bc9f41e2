package io.metagroup.plugin.testkit;

import io.metagroup.spi.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** An immutable {@link PluginContext} for tests: a data dir, settings and the appliers of declared dependencies. */
public final class TestPluginContext implements PluginContext {
    private final Path dataDir;
    private final Map<String, String> settings;
    private final Map<String, Object> dependencies;

    private TestPluginContext(Path dataDir, Map<String, String> settings, Map<String, Object> dependencies) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.dependencies = dependencies;
    }

    /** A context with no settings and no dependencies, whose data dir is {@code dataDir}. */
    public static TestPluginContext in(Path dataDir) {
        return new TestPluginContext(Objects.requireNonNull(dataDir, "dataDir"), Map.of(), Map.of());
    }

    /** This context plus the setting {@code key} (without the {@code plugin.<id>.} prefix). */
    public TestPluginContext withSetting(String key, String value) {
        Map<String, String> next = new TreeMap<>(settings);
        next.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new TestPluginContext(dataDir, Map.copyOf(next), dependencies);
    }

    /** This context plus {@code applier} as the applier of the declared dependency {@code pluginId}. */
    public TestPluginContext withDependency(String pluginId, Object applier) {
        Map<String, Object> next = new TreeMap<>(dependencies);
        next.put(Objects.requireNonNull(pluginId, "pluginId"), Objects.requireNonNull(applier, "applier"));
        return new TestPluginContext(dataDir, settings, Map.copyOf(next));
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public <T> T dependency(String pluginId, Class<T> type) {
        Object applier = dependencies.get(pluginId);
        if (applier == null) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' is not a declared dependency");
        }
        if (!type.isInstance(applier)) {
            throw new IllegalArgumentException("the applier of plugin '" + pluginId + "' is a "
                    + applier.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(applier);
    }
}
