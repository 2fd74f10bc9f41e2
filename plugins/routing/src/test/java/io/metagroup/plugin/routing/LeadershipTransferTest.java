package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.RoutingChange.LeadershipTransfer;
import io.metagroup.spi.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadershipTransferTest {
    private final RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.uniform(2, List.of(1L, 2L, 3L), 3));

    @Test
    void theGroupsLeaderHintMovesAndLookupsFollowIt() {
        assertThat(r.table().leaderOf(1)).hasValue(2);

        assertThat(r.driver.apply(new LeadershipTransfer(1, 3))).isEqualTo(Outcome.applied());

        assertThat(r.group(1).leader()).hasValue(3);
        assertThat(r.table().leaderOf(1)).hasValue(3);
        assertThat(r.table().leaderOf(0)).as("the other group keeps its leader").hasValue(1);
    }

    @Test
    void aTransferInAnUnknownGroupIsAppliedWithoutEffect() {
        var before = r.applier.digest();

        assertThat(r.driver.apply(new LeadershipTransfer(42, 3))).isEqualTo(Outcome.applied());

        assertThat(r.applier.digest()).isEqualTo(before);
    }
}
