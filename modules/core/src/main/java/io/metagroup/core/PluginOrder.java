package io.metagroup.core;

import io.metagroup.spi.ApplierPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Orders plugins for apply: every plugin after the plugins it depends on, ties broken by id. Refuses, naming what
 * is wrong, an invalid or duplicate id, a dependency that is not installed, and a dependency cycle.
 */
final class PluginOrder {
    /** The id rule of {@link ApplierPlugin#id()}. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private PluginOrder() {}

    static List<ApplierPlugin> sort(List<ApplierPlugin> plugins) {
        TreeMap<String, ApplierPlugin> byId = new TreeMap<>();
        TreeMap<String, TreeSet<String>> dependencies = new TreeMap<>();
        for (ApplierPlugin plugin : plugins) {
            if (plugin == null) {
                throw new IllegalArgumentException("the plugin list holds null");
            }
            String id = plugin.id();
            String type = plugin.getClass().getName();
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("plugin " + type + " has id " + (id == null ? "null" : "'" + id + "'")
                        + ": an id is lower-case letters, digits and '-', starting with a letter");
            }
            if (id.equals(MetadataCache.ID)) {
                throw new IllegalArgumentException("plugin " + type + " has id '" + id
                        + "', which is reserved for the core cache");
            }
            ApplierPlugin previous = byId.put(id, plugin);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate plugin id '" + id + "': " + previous.getClass().getName()
                        + " and " + type);
            }
            Set<String> declared = plugin.dependencies();
            if (declared == null) {
                throw new IllegalArgumentException("plugin '" + id + "' returned null dependencies");
            }
            TreeSet<String> deps = new TreeSet<>(declared);
            deps.remove(MetadataCache.ID); // the cache always applies first
            dependencies.put(id, deps);
        }
        for (Map.Entry<String, TreeSet<String>> entry : dependencies.entrySet()) {
            for (String dependency : entry.getValue()) {
                if (!byId.containsKey(dependency)) {
                    throw new IllegalArgumentException("plugin '" + entry.getKey() + "' depends on '" + dependency
                            + "', which is not installed (installed: " + byId.keySet() + ")");
                }
            }
        }
        TreeMap<String, TreeSet<String>> dependents = new TreeMap<>();
        TreeMap<String, Integer> waiting = new TreeMap<>();
        TreeSet<String> ready = new TreeSet<>();
        for (Map.Entry<String, TreeSet<String>> entry : dependencies.entrySet()) {
            waiting.put(entry.getKey(), entry.getValue().size());
            if (entry.getValue().isEmpty()) {
                ready.add(entry.getKey());
            }
            for (String dependency : entry.getValue()) {
                dependents.computeIfAbsent(dependency, k -> new TreeSet<>()).add(entry.getKey());
            }
        }
        List<ApplierPlugin> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.pollFirst();
            ordered.add(byId.get(id));
            waiting.remove(id);
            for (String dependent : dependents.getOrDefault(id, new TreeSet<>())) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (!waiting.isEmpty()) {
            throw new IllegalArgumentException("plugin dependency cycle: " + cycle(waiting.keySet(), dependencies));
        }
        return List.copyOf(ordered);
    }

    // Every plugin left waits on another one left, so walking dependencies from any of them closes a cycle.
    private static String cycle(Set<String> left, Map<String, TreeSet<String>> dependencies) {
        List<String> path = new ArrayList<>();
        String at = left.iterator().next();
        while (!path.contains(at)) {
            path.add(at);
            for (String dependency : dependencies.get(at)) {
                if (left.contains(dependency)) {
                    at = dependency;
                    break;
                }
            }
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        loop.add(at);
        return String.join(" -> ", loop);
    }
}
