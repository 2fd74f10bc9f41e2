package io.metagroup.plugin.routing;

import io.metagroup.plugin.topology.NodeAddress;
import java.util.Optional;

/**
 * Read access to the live routing table, for hosts and for plugins that declare a dependency on {@code "routing"}
 * ({@code context.dependency("routing", RoutingView.class)}). Safe from any thread.
 */
public interface RoutingView {

    /**
     * The table as of the last committed change: an immutable value, never a half-applied proposal. Calls that
     * see no commit in between return the same instance.
     */
    RoutingTable table();

    /**
     * Where to send requests for {@code vshard}: the address, in the live topology, of its group's leader hint;
     * empty when the vShard is unassigned, its group has no leader hint, or the leader is not in the topology.
     *
     * @throws IllegalArgumentException when {@code vshard} is outside 0..1023
     */
    Optional<NodeAddress> leaderAddress(int vshard);
}
