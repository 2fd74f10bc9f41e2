package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.join;
import static io.metagroup.plugin.topology.TopologyFixture.promote;
import static io.metagroup.plugin.topology.TopologyFixture.startDecommission;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class PromoteToVoterTest {
    private final TopologyFixture t = TopologyFixture.create();

    @Test
    void aJoiningLearnerBecomesAnActiveVoter() {
        t.driver.apply(join(7, "10.0.0.7:9000"));

        assertThat(t.driver.apply(promote(7))).isEqualTo(Outcome.applied());

        assertThat(t.node(7).role()).isEqualTo(NodeRole.VOTER);
        assertThat(t.node(7).state()).isEqualTo(NodeState.ACTIVE);
        assertThat(t.topology().withRole(NodeRole.VOTER)).extracting(NodeInfo::nodeId).containsExactly(7L);
        assertThat(t.topology().withRole(NodeRole.LEARNER)).isEmpty();
    }

    @Test
    void promotingAnUnknownNodeIsAppliedWithoutEffect() {
        var before = t.applier.digest();

        assertThat(t.driver.apply(promote(9))).isEqualTo(Outcome.applied());

        assertThat(t.topology().contains(9)).isFalse();
        assertThat(t.applier.digest()).isEqualTo(before);
    }

    @Test
    void promotingAVoterAgainChangesNothing() {
        t.driver.apply(join(7, "10.0.0.7:9000"));
        t.driver.apply(promote(7));
        var before = t.applier.digest();

        t.driver.apply(promote(7));

        assertThat(t.applier.digest()).isEqualTo(before);
    }

    @Test
    void aDrainingLearnerIsNotPromoted() {
        t.driver.apply(join(7, "10.0.0.7:9000"));
        t.driver.apply(startDecommission(7));

        t.driver.apply(promote(7));

        assertThat(t.node(7).role()).isEqualTo(NodeRole.LEARNER);
        assertThat(t.node(7).state()).isEqualTo(NodeState.DRAINING);
    }
}
