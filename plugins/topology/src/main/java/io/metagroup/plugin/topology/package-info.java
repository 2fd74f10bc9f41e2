/**
 * The live cluster topology, applied from {@link io.metagroup.model.TopologyChange} entries: the value types
 * ({@link io.metagroup.plugin.topology.ClusterTopology}, {@link io.metagroup.plugin.topology.NodeInfo},
 * {@link io.metagroup.plugin.topology.NodeAddress}) and the read-only
 * {@link io.metagroup.plugin.topology.ClusterTopologyView}.
 */
package io.metagroup.plugin.topology;
