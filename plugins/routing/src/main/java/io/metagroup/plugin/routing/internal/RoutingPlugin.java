package io.metagroup.plugin.routing.internal;

import com.google.auto.service.AutoService;
import io.metagroup.plugin.topology.ClusterTopologyView;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.DeclaredPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.util.Set;

/**
 * The {@code routing} plugin: the live routing table, applied from {@link io.metagroup.model.RoutingChange}
 * entries and from the compensations of {@link io.metagroup.model.MetadataEntry.MigrationAbort} (see
 * {@link RoutingApplier} for the rules). Its applier implements {@link io.metagroup.plugin.routing.RoutingView}.
 * It depends on {@code topology}, whose view it reads to turn a leader into an address.
 *
 * <p><b>Where the table starts.</b> No entry of the log creates groups, so the table every node starts from is
 * its genesis, read at start from the settings {@code plugin.routing.genesis.groups},
 * {@code plugin.routing.genesis.nodes} (comma-separated node ids) and
 * {@code plugin.routing.genesis.replication-factor}: {@code RoutingTable.uniform(groups, nodes, factor)}. Without
 * these settings the genesis is the empty table (no group, no vShard assigned). Like the initial Raft peer list,
 * the genesis is part of the cluster's definition and must be the same on every node and across restarts (a node
 * without a snapshot rebuilds its state from the genesis and the log): a node started with another genesis holds
 * another table, so its digest differs from the first index on and the divergence shows at the
 * first digest comparison. A node that starts from a snapshot takes the table from the snapshot, not from its
 * settings; {@code restoreSnapshot} also installs any table written by {@code RoutingTable.writeTo}.
 */
@AutoService(ApplierPlugin.class)
public final class RoutingPlugin extends DeclaredPlugin {
    /** The plugin id, also its snapshot section name. */
    public static final String ID = "routing";
    /** Version of the routing rules and snapshot format; raised whenever either changes. */
    public static final int VERSION = 1;

    /** For ServiceLoader. */
    public RoutingPlugin() {
        super(ID, VERSION, Set.of("topology"));
    }

    /**
     * Builds the applier from the genesis settings.
     *
     * @throws IllegalArgumentException when the genesis settings are incomplete or malformed (the message names
     *                                  the setting)
     */
    @Override
    public MetadataApplier create(PluginContext context) {
        return new RoutingApplier(context.dependency("topology", ClusterTopologyView.class),
                RoutingGenesis.fromSettings(context));
    }
}
