package io.metagroup.plugin.topology.internal;

import com.google.auto.service.AutoService;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.DeclaredPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.util.Set;

/**
 * The {@code topology} plugin: the live cluster topology, applied from {@link io.metagroup.model.TopologyChange}
 * entries. Its applier implements {@link io.metagroup.plugin.topology.ClusterTopologyView}. It reads no settings:
 * every node starts from the empty topology.
 */
@AutoService(ApplierPlugin.class)
public final class TopologyPlugin extends DeclaredPlugin {
    /** The plugin id, also its snapshot section name. */
    public static final String ID = "topology";
    /** Version of the topology rules and snapshot format; raised whenever either changes. */
    public static final int VERSION = 1;

    /** For ServiceLoader. */
    public TopologyPlugin() {
        super(ID, VERSION, Set.of());
    }

    @Override
    public MetadataApplier create(PluginContext context) {
        return new TopologyApplier();
    }
}
