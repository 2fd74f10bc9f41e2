package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.CheckpointStream.assertMatchesModel;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.testkit.ApplierDriver;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process applying a stream of checkpoints is SIGKILLed at random points, ten times, and restarted on the
 * same MapDB file each time. After every kill the file holds exactly the model's rows at its durable index (no row
 * lost, none doubled, none from a later or replayed record), that index never goes back and covers every index the
 * process acknowledged, and the restarted process resumes right above it.
 */
class KillNineStreamTest {
    private static final int KILLS = 10;
    private static final int COMMIT_EVERY = 7;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedTenTimesMidStreamLosesAndDoublesNothing() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        String run = "seed " + seed;
        long acknowledged = 0;
        long verified = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            String context = run + ", kill " + kill;
            try (ChildJvm child = ChildJvm.start(dir, COMMIT_EVERY, "run", Long.MAX_VALUE)) {
                assertThat(Long.parseLong(child.await("OPEN "))).as("%s: resumes at the verified index", context)
                        .isEqualTo(verified);
                int acknowledgements = random.nextInt(12); // 0: killed while starting up
                for (int a = 0; a < acknowledgements; a++) {
                    acknowledged = Long.parseLong(child.await("DURABLE "));
                }
                Thread.sleep(random.nextInt(25));
                // an acknowledgement counts once received: lines still in the pipe die with the process
                child.kill();
            }
            try (MigrationApplier reopened = Fixtures.open(dir, COMMIT_EVERY)) {
                long durable = reopened.durableIndex();
                assertThat(reopened.appliedIndex()).as("%s: starts at its durable index", context).isEqualTo(durable);
                assertThat(durable).as("%s: durable index covers every acknowledgement", context)
                        .isGreaterThanOrEqualTo(acknowledged)
                        .isGreaterThanOrEqualTo(verified);
                assertMatchesModel(table(reopened), context);
                verified = durable;
            }
        }
        assertThat(verified).as(run + ": the stream made progress").isGreaterThan(0);
        try (MigrationApplier resumed = Fixtures.open(dir, COMMIT_EVERY)) {
            ApplierDriver driver = new ApplierDriver(resumed);
            for (int i = 0; i < 3 * COMMIT_EVERY; i++) {
                driver.record(CheckpointStream.entry(resumed.appliedIndex() + 1));
            }
            assertMatchesModel(table(resumed), run + ", after resuming in process");
        }
    }
}
