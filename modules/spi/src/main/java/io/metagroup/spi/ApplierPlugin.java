package io.metagroup.spi;

import java.util.Set;

/**
 * A plugin that adds an applier to every node, found by {@link java.util.ServiceLoader}: declare it with
 * {@code provides io.metagroup.spi.ApplierPlugin with ...} in module-info (and {@code @AutoService} for the class
 * path).
 *
 * <p>Every node of a group must run the same set of plugins (ids and versions): the set is part of every
 * snapshot and digest, and a node whose set differs refuses to start. Plugins apply in dependency order, ties
 * broken by id; a cycle or a missing dependency is a start-up error.
 */
public interface ApplierPlugin {

    /** Stable id: lower-case letters, digits and '-', starting with a letter; also the snapshot section name. */
    String id();

    /** Version of the plugin's state and rules; a change that alters apply or the snapshot must raise it. */
    int version();

    /** Ids of the plugins this one reads or needs applied before it. */
    default Set<String> dependencies() {
        return Set.of();
    }

    /** Builds this plugin's applier on a node. Called once at start, in plugin order. */
    MetadataApplier create(PluginContext context) throws Exception;
}
