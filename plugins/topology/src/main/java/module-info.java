/**
 * The {@code topology} applier plugin: the live cluster topology (nodes, addresses, states, learner or voter),
 * applied from {@code TopologyChange} entries, and a read-only view of it for hosts and other plugins.
 */
module io.metagroup.plugin.topology {
    requires transitive io.metagroup.spi;
    requires static com.google.auto.service;

    exports io.metagroup.plugin.topology;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.plugin.topology.internal.TopologyPlugin;
}
