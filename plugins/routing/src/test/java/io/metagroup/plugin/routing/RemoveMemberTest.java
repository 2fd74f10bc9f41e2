package io.metagroup.plugin.routing;

import static io.metagroup.plugin.routing.RoutingFixture.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.RoutingChange.RemoveMember;
import io.metagroup.spi.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoveMemberTest {

    private static RoutingFixture groupOfThreeWithFactorTwo() {
        return RoutingFixture.startingFrom(RoutingTable.of(Map.of(0, 0L),
                List.of(group(0, List.of(1L, 2L, 3L), List.of(4L), 1, 2))));
    }

    /**
     * Seed 001, cache_applier_mutates_live_routing_on_remove_member. The seed removes node 2 from a group of three
     * with replication factor three; under the replication-factor rule that is refused (next test), so the group
     * here has factor two.
     */
    @Test
    void aMemberAboveTheReplicationFactorIsRemoved() {
        RoutingFixture r = groupOfThreeWithFactorTwo();

        assertThat(r.driver.apply(new RemoveMember(0, 2))).isEqualTo(Outcome.applied());

        assertThat(r.group(0).members()).containsExactly(1L, 3L);
        assertThat(r.group(0).isMember(2)).isFalse();
    }

    @Test
    void aRemovalThatWouldGoBelowTheReplicationFactorIsRejected() {
        RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.uniform(1, List.of(1L, 2L, 3L), 3));
        var before = r.table();

        Outcome outcome = r.driver.apply(new RemoveMember(0, 2));

        assertThat(outcome).isEqualTo(Outcome.rejected("removeMember of node 2 from group 0 refused: it would leave"
                + " 2 members, below the group's replication factor 3"));
        assertThat(r.table()).isEqualTo(before);
        assertThat(r.applier.appliedIndex()).isEqualTo(1);
    }

    @Test
    void aLearnerIsAlwaysRemoved() {
        RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.of(Map.of(),
                List.of(group(0, List.of(1L), List.of(4L), 1, 1))));

        assertThat(r.driver.apply(new RemoveMember(0, 4))).isEqualTo(Outcome.applied());

        assertThat(r.group(0).learners()).isEmpty();
        assertThat(r.group(0).members()).containsExactly(1L);
    }

    @Test
    void removingTheLeaderClearsTheLeaderHint() {
        RoutingFixture r = groupOfThreeWithFactorTwo();

        r.driver.apply(new RemoveMember(0, 1));

        assertThat(r.group(0).leader()).isEmpty();
        assertThat(r.table().leaderOf(0)).isEmpty();
    }

    @Test
    void anUnknownGroupOrNodeIsAppliedWithoutEffect() {
        RoutingFixture r = groupOfThreeWithFactorTwo();
        var before = r.applier.digest();

        assertThat(r.driver.record(new RemoveMember(9, 1), new RemoveMember(0, 9)))
                .containsExactly(Outcome.applied(), Outcome.applied());

        assertThat(r.applier.digest()).isEqualTo(before);
    }
}
