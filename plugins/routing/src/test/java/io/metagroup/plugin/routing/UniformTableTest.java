package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UniformTableTest {

    /** Seed 001: RoutingTable::uniform(1, &[7], 1). */
    @Test
    void oneGroupOfOneNodeHoldsEveryVShard() {
        RoutingTable table = RoutingTable.uniform(1, List.of(7L), 1);

        for (int v = 0; v < RoutingTable.VSHARD_COUNT; v++) {
            assertThat(table.groupOf(v)).hasValue(0);
            assertThat(table.leaderOf(v)).hasValue(7);
        }
        assertThat(table.groups()).containsExactly(new GroupInfo(0, List.of(7L), List.of(), OptionalLong.of(7), 1));
    }

    @Test
    void vShardsAndReplicasAreSpreadRoundRobin() {
        RoutingTable table = RoutingTable.uniform(4, List.of(1L, 2L, 3L), 2);

        assertThat(table.groupOf(0)).hasValue(0);
        assertThat(table.groupOf(5)).hasValue(1);
        assertThat(table.groupOf(1023)).hasValue(3);
        assertThat(table.vshardsOf(2)).hasSize(256).startsWith(2, 6, 10).endsWith(1022);
        assertThat(table.groups()).containsExactly(
                new GroupInfo(0, List.of(1L, 2L), List.of(), OptionalLong.of(1), 2),
                new GroupInfo(1, List.of(2L, 3L), List.of(), OptionalLong.of(2), 2),
                new GroupInfo(2, List.of(3L, 1L), List.of(), OptionalLong.of(3), 2),
                new GroupInfo(3, List.of(1L, 2L), List.of(), OptionalLong.of(1), 2));
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> RoutingTable.uniform(0, List.of(1L), 1)).hasMessageContaining("at least one group");
        assertThatThrownBy(() -> RoutingTable.uniform(1, List.of(), 1)).hasMessageContaining("at least one node");
        assertThatThrownBy(() -> RoutingTable.uniform(1, List.of(1L, 1L), 1)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> RoutingTable.uniform(1, List.of(1L, 2L), 0))
                .hasMessageContaining("replication factor 0 is not from 1 to the 2 nodes");
        assertThatThrownBy(() -> RoutingTable.uniform(1, List.of(1L, 2L), 3))
                .hasMessageContaining("replication factor 3 is not from 1 to the 2 nodes");
    }

    @Test
    void theEmptyTableAssignsNothing() {
        RoutingTable empty = RoutingTable.empty();

        assertThat(empty.groupOf(0)).isEmpty();
        assertThat(empty.leaderOf(1023)).isEmpty();
        assertThat(empty.groups()).isEmpty();
        assertThatThrownBy(() -> empty.groupOf(1024)).hasMessageContaining("vShard 1024 is outside 0..1023");
        assertThatThrownBy(() -> empty.groupOf(-1)).hasMessageContaining("vShard -1 is outside 0..1023");
    }
}
