package io.metagroup.plugin.topology;

/**
 * Read access to the live topology, for hosts and for plugins that declare a dependency on {@code "topology"}
 * ({@code context.dependency("topology", ClusterTopologyView.class)}). Safe from any thread.
 */
public interface ClusterTopologyView {

    /**
     * The topology as of the last committed change: an immutable value, never a half-applied proposal. Calls
     * that see no commit in between return the same instance.
     */
    ClusterTopology topology();
}
