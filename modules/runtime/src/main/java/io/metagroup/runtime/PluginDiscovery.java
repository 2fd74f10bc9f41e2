package io.metagroup.runtime;

import io.metagroup.spi.ApplierPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds applier plugins with {@link ServiceLoader} (module path {@code provides} or class-path
 * {@code META-INF/services}) and merges them with plugins a host adds by hand. Two plugins with one id are refused:
 * which one would apply is not a choice to leave to class-path order.
 */
public final class PluginDiscovery {
    private PluginDiscovery() {}

    /** Every plugin {@link ServiceLoader} finds from this module's layer or the class path. */
    public static List<ApplierPlugin> discover() throws ConfigException {
        List<ApplierPlugin> found = new ArrayList<>();
        try {
            for (ApplierPlugin plugin : ServiceLoader.load(ApplierPlugin.class, PluginDiscovery.class.getClassLoader())) {
                found.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigException("a plugin could not be loaded: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * The plugins a node runs: the discovered ones (when {@code discovery} is on) and the host's, keyed by id.
     *
     * @throws ConfigException when two plugins share an id (naming both classes)
     */
    public static List<ApplierPlugin> merge(boolean discovery, List<ApplierPlugin> added) throws ConfigException {
        List<ApplierPlugin> all = new ArrayList<>(discovery ? discover() : List.of());
        all.addAll(added);
        TreeMap<String, ApplierPlugin> byId = new TreeMap<>();
        for (ApplierPlugin plugin : all) {
            ApplierPlugin previous = byId.putIfAbsent(plugin.id(), plugin);
            if (previous != null && previous != plugin) {
                throw new ConfigException("two plugins have the id '" + plugin.id() + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName()
                        + "; remove one from the module path, or switch discovery off and add plugins by hand");
            }
        }
        return List.copyOf(byId.values());
    }
}
