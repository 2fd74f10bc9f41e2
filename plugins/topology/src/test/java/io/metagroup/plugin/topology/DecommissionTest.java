package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.finishDecommission;
import static io.metagroup.plugin.topology.TopologyFixture.join;
import static io.metagroup.plugin.topology.TopologyFixture.promote;
import static io.metagroup.plugin.topology.TopologyFixture.startDecommission;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class DecommissionTest {
    private final TopologyFixture t = TopologyFixture.create();

    /** Seed 001, cache_applier_mutates_live_topology_on_start_decommission. */
    @Test
    void startDecommissionMovesAnActiveNodeToDraining() {
        t.driver.apply(join(7, "127.0.0.1:9000"));
        t.driver.apply(promote(7));
        assertThat(t.node(7).state()).isEqualTo(NodeState.ACTIVE);

        assertThat(t.driver.apply(startDecommission(7))).isEqualTo(Outcome.applied());

        assertThat(t.node(7).state()).isEqualTo(NodeState.DRAINING);
        assertThat(t.node(7).role()).as("draining does not change the role").isEqualTo(NodeRole.VOTER);
    }

    @Test
    void finishDecommissionMovesADrainingNodeToDecommissioned() {
        t.driver.apply(join(7, "127.0.0.1:9000"));
        t.driver.apply(startDecommission(7));

        t.driver.apply(finishDecommission(7));

        assertThat(t.node(7).state()).isEqualTo(NodeState.DECOMMISSIONED);
        assertThat(t.topology().inState(NodeState.DECOMMISSIONED)).extracting(NodeInfo::nodeId).containsExactly(7L);
    }

    @Test
    void aDecommissionedNodeDoesNotGoBackToDraining() {
        t.driver.apply(join(7, "127.0.0.1:9000"));
        t.driver.apply(startDecommission(7));
        t.driver.apply(finishDecommission(7));

        t.driver.apply(startDecommission(7));

        assertThat(t.node(7).state()).isEqualTo(NodeState.DECOMMISSIONED);
    }

    /** Seed 001, cache_applier_without_live_state_stays_log_only: a change to an unknown node never fails. */
    @Test
    void decommissioningAnUnknownNodeIsAppliedAndAdvancesTheIndex() {
        assertThat(t.driver.apply(startDecommission(5))).isEqualTo(Outcome.applied());
        assertThat(t.driver.apply(finishDecommission(5))).isEqualTo(Outcome.applied());

        assertThat(t.topology().size()).isZero();
        assertThat(t.applier.appliedIndex()).isEqualTo(2);
    }
}
