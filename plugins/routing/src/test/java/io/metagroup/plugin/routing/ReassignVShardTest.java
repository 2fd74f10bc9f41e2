package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.RoutingChange.ReassignVShard;
import io.metagroup.spi.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassignVShardTest {
    private final RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.uniform(4, List.of(1L, 2L, 3L), 2));

    @Test
    void theVShardMovesAndTheNewGroupsLeaderHintIsTheLeaseholder() {
        assertThat(r.driver.apply(new ReassignVShard(5, 2, 1))).isEqualTo(Outcome.applied());

        assertThat(r.table().groupOf(5)).hasValue(2);
        assertThat(r.table().leaderOf(5)).hasValue(1);
        assertThat(r.group(2).leader()).hasValue(1);
        assertThat(r.table().groupOf(4)).as("other vShards stay").hasValue(0);
        assertThat(r.table().vshardsOf(1)).doesNotContain(5);
    }

    @Test
    void aVShardMayPointAtAGroupTheTableDoesNotKnowYet() {
        assertThat(r.driver.apply(new ReassignVShard(7, 99, 3))).isEqualTo(Outcome.applied());

        assertThat(r.table().groupOf(7)).hasValue(99);
        assertThat(r.table().leaderOf(7)).isEmpty();
        assertThat(r.table().group(99)).isEmpty();
    }

    @Test
    void aVShardOutsideTheTableIsRejectedBeforeTheLogAndAtApply() {
        var before = r.applier.digest();

        assertThat(r.applier.validate(new ReassignVShard(1024, 1, 1)))
                .hasValue("reassignVShard.vshardId 1024 is outside 0..1023");
        assertThat(r.driver.apply(new ReassignVShard(4_000_000_000L, 1, 1)))
                .isEqualTo(Outcome.rejected("reassignVShard.vshardId 4000000000 is outside 0..1023"));
        assertThat(r.applier.digest()).isEqualTo(before);
        assertThat(r.applier.validate(new ReassignVShard(1023, 1, 1))).isEmpty();
    }

    @Test
    void anEmptyTableIsFilledByReassignments() {
        RoutingFixture empty = RoutingFixture.startingFrom(RoutingTable.empty());

        empty.driver.apply(new ReassignVShard(0, 3, 9));

        assertThat(empty.table().groupOf(0)).hasValue(3);
        assertThat(empty.table().groupOf(1)).isEmpty();
    }
}
