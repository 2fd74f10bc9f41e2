package io.metagroup.bench;

import io.metagroup.spi.ApplierPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The applier plugins on the class path, found as a host finds them: with {@link ServiceLoader}. */
public final class Plugins {
    private Plugins() {}

    /**
     * The discovered plugins whose ids are in {@code ids}.
     *
     * @throws IllegalStateException naming the ids that were not found
     */
    public static List<ApplierPlugin> discover(Set<String> ids) {
        List<ApplierPlugin> found = new ArrayList<>();
        Set<String> missing = new TreeSet<>(ids);
        for (ApplierPlugin plugin : ServiceLoader.load(ApplierPlugin.class, Plugins.class.getClassLoader())) {
            if (ids.contains(plugin.id())) {
                found.add(plugin);
                missing.remove(plugin.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("plugins not on the class path: " + missing);
        }
        return found;
    }
}
