package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ratis.*} passthrough cannot turn Ratis' unsafe flush on (acknowledging before fsync would lose
 * acknowledged proposals when every node crashes): such a node refuses to start, naming the setting, and writes
 * nothing; an explicit {@code false} is accepted.
 */
class UnsafeFlushRefusedTest {
    private static final String KEY = "ratis.raft.server.log.unsafe-flush.enabled";

    @Test
    void unsafeFlushIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        assertThatThrownBy(() -> TestCluster.start(dir, 1, Tuning.defaults(), id -> Map.of(KEY, "true"),
                members -> (viewer, member) -> member))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KEY + "=true refused");
        assertThat(dir.resolve("try0").resolve("node1")).as("no data dir").doesNotExist();
    }

    @Test
    void unsafeFlushOffIsAccepted(@TempDir Path dir) {
        try (TestCluster cluster = TestCluster.start(dir, 1, Tuning.defaults(), id -> Map.of(KEY, "false"),
                members -> (viewer, member) -> member)) {
            assertThat(cluster.live()).hasSize(1);
        }
    }
}
