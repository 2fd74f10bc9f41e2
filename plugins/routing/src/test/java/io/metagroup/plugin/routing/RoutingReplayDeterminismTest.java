package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Compensation;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.RoutingChange.LeadershipTransfer;
import io.metagroup.model.RoutingChange.ReassignVShard;
import io.metagroup.model.RoutingChange.RemoveMember;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariants 1 and 7 for routing: the same log gives the same table and digest on every replica, and a replica
 * that catches up by snapshot ends where one that replayed the log does. The log is random but seeded.
 */
class RoutingReplayDeterminismTest {
    private static final RoutingTable GENESIS = RoutingTable.uniform(8, List.of(1L, 2L, 3L, 4L, 5L), 3);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1_000_003})
    void replicasAgreeWhetherTheyReplayOrRestore(long seed) throws IOException {
        List<MetadataEntry> log = randomLog(new Random(seed), 600);
        RoutingFixture a = RoutingFixture.startingFrom(GENESIS);
        RoutingFixture b = RoutingFixture.startingFrom(GENESIS);
        RoutingFixture late = RoutingFixture.startingFrom(GENESIS);

        List<Outcome> outcomesA = new ArrayList<>();
        List<Outcome> outcomesB = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            outcomesA.add(a.driver.apply(log.get(i)));
            outcomesB.add(b.driver.apply(log.get(i)));
            if (i == log.size() / 2) {
                ApplierDriver.restore(late.applier, ApplierDriver.snapshot(a.applier), a.applier.appliedIndex());
            } else if (i > log.size() / 2) {
                late.driver.apply(log.get(i));
            }
        }

        assertThat(outcomesB).isEqualTo(outcomesA);
        assertThat(outcomesA).as("the log exercises refusals too").anyMatch(o -> o instanceof Outcome.Rejected);
        assertThat(b.applier.digest()).isEqualTo(a.applier.digest());
        assertThat(late.applier.digest()).isEqualTo(a.applier.digest());
        assertThat(late.table()).isEqualTo(a.table());
        assertThat(late.applier.appliedIndex()).isEqualTo(a.applier.appliedIndex());
    }

    private static List<MetadataEntry> randomLog(Random random, int size) {
        List<MetadataEntry> log = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            log.add(random.nextInt(10) == 0 ? Batch.of(change(random), change(random)) : change(random));
        }
        return log;
    }

    private static MetadataEntry change(Random random) {
        long group = random.nextInt(10);
        long node = 1 + random.nextInt(6);
        return switch (random.nextInt(5)) {
            case 0 -> new ReassignVShard(random.nextInt(1030), group, node);
            case 1 -> new LeadershipTransfer(group, node);
            case 2 -> new RemoveMember(group, node);
            case 3 -> new MigrationAbort("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "test", List.of(
                    new Compensation.RemoveVoter(group, node), new Compensation.RestoreLeaderHint(group, node)));
            default -> new MigrationAbort("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "test", List.of(
                    new Compensation.RemoveLearner(group, node), new Compensation.RemoveGhostStub(random.nextInt(1024))));
        };
    }
}
