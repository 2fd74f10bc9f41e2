/**
 * The {@code routing} applier plugin: the live routing table (1024 vShards → groups → members, learners, leader
 * hint, replication factor), applied from {@code RoutingChange} entries and migration-abort compensations, and a
 * read-only view of it. Depends on the {@code topology} plugin to resolve leaders to addresses.
 */
module io.metagroup.plugin.routing {
    requires transitive io.metagroup.spi;
    requires transitive io.metagroup.plugin.topology;
    requires static com.google.auto.service;

    exports io.metagroup.plugin.routing;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.plugin.routing.internal.RoutingPlugin;
}
