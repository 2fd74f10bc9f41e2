package io.metagroup.plugin.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTopologyTest {
    private static NodeInfo node(long id) {
        return new NodeInfo(id, NodeAddress.parse("10.0.0.1:9000"), NodeState.ACTIVE, NodeRole.VOTER);
    }

    @Test
    void nodesAreOrderedByUnsignedIdAndFoundByIt() {
        ClusterTopology topology = new ClusterTopology(List.of(node(-1L), node(5), node(0), node(Long.MAX_VALUE)));

        assertThat(topology.nodes()).extracting(NodeInfo::nodeId)
                .containsExactly(0L, 5L, Long.MAX_VALUE, -1L);
        for (long id : new long[] {0, 5, Long.MAX_VALUE, -1L}) {
            assertThat(topology.node(id)).hasValueSatisfying(n -> assertThat(n.nodeId()).isEqualTo(id));
        }
        assertThat(topology.node(4)).isEmpty();
        assertThat(topology.contains(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void aRepeatedIdIsRefused() {
        assertThatThrownBy(() -> new ClusterTopology(List.of(node(3), node(3))))
                .hasMessageContaining("node 3 appears twice");
    }

    @Test
    void emptyHasNoNodes() {
        assertThat(ClusterTopology.empty().size()).isZero();
        assertThat(ClusterTopology.empty().node(0)).isEmpty();
    }
}
