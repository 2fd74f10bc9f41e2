package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bump applies only from the current cluster version. */
class ClusterVersionBumpTest {
    @TempDir
    Path dir;

    @Test
    void bumpFromTheCurrentVersionApplies() {
        Driver driver = new Driver(Driver.create(dir));
        assertThat(driver.core.cache().clusterVersion()).isEqualTo(MetadataCache.INITIAL_CLUSTER_VERSION);

        assertThat(driver.apply(new ClusterVersionBump(1, 2))).isEqualTo(Outcome.applied());
        assertThat(driver.apply(new ClusterVersionBump(2, 7))).isEqualTo(Outcome.applied());

        assertThat(driver.core.cache().clusterVersion()).isEqualTo(7);
    }

    @Test
    void bumpFromAnotherVersionIsRefusedAndChangesNothing() {
        Driver driver = new Driver(Driver.create(dir));
        driver.apply(new ClusterVersionBump(1, 2));

        Outcome stale = driver.apply(new ClusterVersionBump(1, 3));
        Outcome ahead = driver.apply(new ClusterVersionBump(3, 4));

        assertThat(stale).isEqualTo(Outcome.rejected("core: cluster version bump 1 -> 3 refused: the cluster version is 2, not 1"));
        assertThat(ahead).isEqualTo(Outcome.rejected("core: cluster version bump 3 -> 4 refused: the cluster version is 2, not 3"));
        assertThat(driver.core.cache().clusterVersion()).isEqualTo(2);
        assertThat(driver.core.appliedIndex()).isEqualTo(3); // refused records still count as applied
    }
}
