package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.core.TopologyTestPlugin.State;
import io.metagroup.core.TopologyTestPlugin.Topology;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.TopologyChange.Join;
import io.metagroup.model.TopologyChange.PromoteToVoter;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Batch applies to a staged view: each sub-entry sees the ones before it, at one log index. */
class BatchStagingTest {
    @TempDir
    Path dir;

    @Test
    void joinThenPromoteOfTheSameNodeAppliesInOneBatch() {
        Driver driver = new Driver(Driver.withTestPlugins(dir));

        Outcome outcome = driver.apply(Batch.of(new Join(4, "10.0.0.4:9000"), new PromoteToVoter(4)));

        assertThat(outcome).isEqualTo(Outcome.applied());
        Topology topology = driver.core.applier(TopologyTestPlugin.ID, Topology.class);
        assertThat(topology.nodes().get(4L).state()).isEqualTo(State.VOTER);
        assertThat(driver.core.cache().topologyLog()).extracting(ChangeLogEntry::index).containsExactly(1L, 1L);
    }

    @Test
    void promoteBeforeJoinIsRefusedWithTheApplierAndPositionNamed() {
        Driver driver = new Driver(Driver.withTestPlugins(dir));

        Outcome outcome = driver.apply(Batch.of(new PromoteToVoter(5), new Join(5, "10.0.0.5:9000")));

        assertThat(outcome).isEqualTo(Outcome.rejected("topology: batch entry [0]: node 5 is unknown, cannot become VOTER"));
        assertThat(driver.core.applier(TopologyTestPlugin.ID, Topology.class).nodes()).isEmpty();
        assertThat(driver.core.cache().topologyLog()).isEmpty();
    }

    @Test
    void nestedBatchesFlattenInOrderAndNameTheFullPath() {
        Driver driver = new Driver(Driver.withTestPlugins(dir));

        Outcome nested = driver.apply(Batch.of(new Join(6, "10.0.0.6:9000"),
                Batch.of(new PromoteToVoter(6), new PromoteToVoter(6))));

        assertThat(nested).isEqualTo(Outcome.rejected("topology: batch entry [1][1]: node 6 is VOTER, cannot become VOTER"));
        assertThat(driver.apply(Batch.of(new Join(6, "10.0.0.6:9000"), Batch.of(new PromoteToVoter(6)))))
                .isEqualTo(Outcome.applied());
    }
}
