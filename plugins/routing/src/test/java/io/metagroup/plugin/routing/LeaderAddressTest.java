package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.RoutingChange.LeadershipTransfer;
import io.metagroup.model.RoutingChange.ReassignVShard;
import io.metagroup.model.TopologyChange;
import io.metagroup.plugin.topology.NodeAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lookup vShard → group → leader → address, through the topology plugin's view. */
class LeaderAddressTest {
    private final RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.uniform(2, List.of(7L, 8L), 1));

    @Test
    void theLeaderOfAVShardsGroupResolvesToItsTopologyAddress() {
        r.topology.apply(new TopologyChange.Join(7, "10.0.0.7:9000"));
        r.topology.apply(new TopologyChange.Join(8, "[::8]:9000"));

        assertThat(r.view.leaderAddress(0)).hasValue(NodeAddress.parse("10.0.0.7:9000"));
        assertThat(r.view.leaderAddress(1)).hasValue(NodeAddress.parse("[::8]:9000"));

        r.driver.apply(new LeadershipTransfer(0, 8));
        assertThat(r.view.leaderAddress(0)).hasValue(NodeAddress.parse("[::8]:9000"));
    }

    @Test
    void aLeaderMissingFromTheTopologyOrAVShardWithoutLeaderGivesNothing() {
        assertThat(r.view.leaderAddress(0)).as("node 7 has not joined").isEmpty();

        r.topology.apply(new TopologyChange.Join(7, "10.0.0.7:9000"));
        r.driver.apply(new ReassignVShard(4, 77, 7));
        assertThat(r.view.leaderAddress(4)).as("group 77 is unknown, so it has no leader").isEmpty();

        RoutingFixture empty = RoutingFixture.startingFrom(RoutingTable.empty());
        assertThat(empty.view.leaderAddress(0)).as("unassigned vShard").isEmpty();
    }
}
