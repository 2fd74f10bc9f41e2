package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.join;
import static io.metagroup.plugin.topology.TopologyFixture.leave;
import static io.metagroup.plugin.topology.TopologyFixture.promote;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class LeaveTest {
    private final TopologyFixture t = TopologyFixture.create();

    @Test
    void leaveRemovesTheNode() {
        t.driver.apply(join(1, "10.0.0.1:9000"));
        t.driver.apply(join(2, "10.0.0.2:9000"));

        assertThat(t.driver.apply(leave(1))).isEqualTo(Outcome.applied());

        assertThat(t.topology().nodes()).extracting(NodeInfo::nodeId).containsExactly(2L);
    }

    @Test
    void leavingAnUnknownNodeIsAppliedWithoutEffect() {
        t.driver.apply(join(1, "10.0.0.1:9000"));
        var before = t.applier.digest();

        assertThat(t.driver.apply(leave(9))).isEqualTo(Outcome.applied());

        assertThat(t.applier.digest()).isEqualTo(before);
    }

    @Test
    void aNodeThatLeftJoinsAgainAsANewLearner() {
        t.driver.apply(join(1, "10.0.0.1:9000"));
        t.driver.apply(promote(1));
        t.driver.apply(leave(1));

        t.driver.apply(join(1, "10.0.0.9:9000"));

        assertThat(t.node(1)).isEqualTo(new NodeInfo(1, NodeAddress.parse("10.0.0.9:9000"), NodeState.JOINING,
                NodeRole.LEARNER));
    }
}
