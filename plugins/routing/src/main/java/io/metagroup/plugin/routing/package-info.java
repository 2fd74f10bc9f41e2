/**
 * The live routing table, applied from {@link io.metagroup.model.RoutingChange} entries and from the
 * compensations of {@link io.metagroup.model.MetadataEntry.MigrationAbort}: the value types
 * ({@link io.metagroup.plugin.routing.RoutingTable}, {@link io.metagroup.plugin.routing.GroupInfo}) and the
 * read-only {@link io.metagroup.plugin.routing.RoutingView}.
 */
package io.metagroup.plugin.routing;
