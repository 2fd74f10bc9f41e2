package io.metagroup.plugin.routing;

import static io.metagroup.plugin.routing.RoutingFixture.group;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Compensation;
import io.metagroup.model.Compensation.RemoveGhostStub;
import io.metagroup.model.Compensation.RemoveLearner;
import io.metagroup.model.Compensation.RemoveVoter;
import io.metagroup.model.Compensation.RestoreLeaderHint;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.spi.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compensations of a MigrationAbort, which routing applies itself (seed 000/001: applied in order, any failure
 * refuses the abort).
 */
class MigrationAbortCompensationTest {
    private static final String ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    /** Group 0 mid-migration: target 4 promoted (members 1..4, factor 3), learner 5 added, leader moved to 4. */
    private final RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.of(Map.of(7, 0L),
            List.of(group(0, List.of(1L, 2L, 3L, 4L), List.of(5L), 4, 3))));

    private static MigrationAbort abort(Compensation... compensations) {
        return new MigrationAbort(ID, "timed out", List.of(compensations));
    }

    @Test
    void compensationsUndoTheMigrationInOrder() {
        Outcome outcome = r.driver.apply(abort(new RemoveLearner(0, 5), new RemoveVoter(0, 4),
                new RestoreLeaderHint(0, 1), new RemoveGhostStub(7)));

        assertThat(outcome).isEqualTo(Outcome.applied());
        assertThat(r.group(0)).isEqualTo(group(0, List.of(1L, 2L, 3L), List.of(), 1, 3));
        assertThat(r.table().groupOf(7)).as("no ghost stub is kept: the vShard is untouched").hasValue(0);
    }

    @Test
    void orderMatters() {
        RoutingFixture other = RoutingFixture.startingFrom(r.table());

        r.driver.apply(abort(new RestoreLeaderHint(0, 4), new RemoveVoter(0, 4)));
        other.driver.apply(abort(new RemoveVoter(0, 4), new RestoreLeaderHint(0, 4)));

        assertThat(r.group(0).leader()).as("removing the voter cleared the hint restored before").isEmpty();
        assertThat(other.group(0).leader()).as("the hint is recorded as the log says").hasValue(4);
    }

    @Test
    void aRefusedCompensationRefusesTheWholeAbort() {
        var before = r.table();

        Outcome outcome = r.driver.apply(abort(new RemoveLearner(0, 5), new RemoveVoter(0, 4), new RemoveVoter(0, 3)));

        assertThat(outcome).isEqualTo(Outcome.rejected("migration " + ID + " abort refused: compensation 3 of 3:"
                + " removeVoter of node 3 from group 0 refused: it would leave 2 members, below the group's"
                + " replication factor 3"));
        assertThat(r.table()).as("the earlier compensations do not take effect either").isEqualTo(before);
    }

    @Test
    void compensationsForUnknownGroupsOrPeersAreAppliedWithoutEffect() {
        var before = r.applier.digest();

        Outcome outcome = r.driver.apply(abort(new RemoveLearner(9, 5), new RemoveLearner(0, 1),
                new RemoveVoter(9, 1), new RemoveVoter(0, 5), new RestoreLeaderHint(9, 1)));

        assertThat(outcome).isEqualTo(Outcome.applied());
        assertThat(r.applier.digest()).isEqualTo(before);
    }

    @Test
    void anAbortWithoutCompensationsChangesNothing() {
        var before = r.applier.digest();

        assertThat(r.driver.apply(abort())).isEqualTo(Outcome.applied());

        assertThat(r.applier.digest()).isEqualTo(before);
    }

    @Test
    void aGhostStubOutsideTheTableIsRefusedBeforeTheLogAndAtApply() {
        MigrationAbort bad = abort(new RemoveLearner(0, 5), new RemoveGhostStub(1024));

        assertThat(r.applier.validate(bad)).hasValue("migration " + ID
                + " abort refused: removeGhostStub.vshardId 1024 is outside 0..1023");
        assertThat(r.driver.apply(bad)).isInstanceOf(Outcome.Rejected.class);
        assertThat(r.group(0).learners()).containsExactly(5L);
        assertThat(r.applier.validate(abort(new RemoveGhostStub(1023)))).isEmpty();
    }
}
