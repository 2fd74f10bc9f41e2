package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a really full disk (a small tmpfs, filled up) the store's failure is a LocalFault: apply stops at that record
 * and does not advance, every later record is refused the same way, and after space is freed a restart finds the
 * file at its last commit, from which the log replays to the same state. Needs root to mount the tmpfs.
 */
class FullDiskTest {
    private static final int LAST = 2_000;

    @TempDir
    Path tmp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        mount = Files.createDirectories(tmp.resolve("tmpfs"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
        assumeTrue(mounted, "mounting a tmpfs needs root; this test runs where it can");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", mount.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Writes a filler file until the file system has no space left; returns it. */
    private Path fill() throws IOException {
        Path filler = mount.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 100_000; i++) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left");
            return filler;
        }
        throw new AssertionError("the tmpfs did not fill up");
    }

    @Test
    void aFullDiskIsALocalFaultAndARestartReplaysFromTheLastCommit() throws Exception {
        Path dir = Files.createDirectories(mount.resolve("migration"));
        long faultedAt;
        long durable;
        try (MigrationApplier applier = Fixtures.open(dir, 1)) {
            ApplierDriver driver = new ApplierDriver(applier);
            CheckpointStream.apply(driver, 1, 10);
            Path filler = fill();
            List<Outcome> outcomes = List.of();
            while (applier.appliedIndex() < LAST) {
                outcomes = driver.record(CheckpointStream.entry(applier.appliedIndex() + 1));
                if (outcomes.stream().anyMatch(o -> o instanceof Outcome.LocalFault)) {
                    break;
                }
            }
            Outcome fault = outcomes.get(outcomes.size() - 1);
            assertThat(fault).as("the store failed before record %d", LAST).isInstanceOf(Outcome.LocalFault.class);
            assertThat(((Outcome.LocalFault) fault).reason())
                    .contains(dir.toString(), "No space left on device");
            faultedAt = applier.appliedIndex() + 1;
            durable = applier.durableIndex();
            assertThat(durable).isEqualTo(applier.appliedIndex());

            Files.delete(filler);
            // the store stays faulted: it never commits again, so the file keeps its last consistent commit
            assertThat(driver.record(CheckpointStream.entry(faultedAt))).last().isInstanceOf(Outcome.LocalFault.class);
            assertThat(applier.appliedIndex()).isEqualTo(faultedAt - 1);
            assertThatThrownBy(() -> table(applier).rows()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the migration table is unavailable")
                    .hasMessageContaining("replays from index " + durable);
            assertThatThrownBy(() -> applier.writeSnapshot(OutputStream.nullOutputStream()))
                    .as("no snapshot of rows past the last good index").isInstanceOf(IOException.class);
        }
        try (MigrationApplier restarted = Fixtures.open(dir, 1)) {
            assertThat(restarted.appliedIndex()).isEqualTo(durable);
            CheckpointStream.assertMatchesModel(table(restarted), "after the restart");
            ApplierDriver replay = new ApplierDriver(restarted);
            for (int i = 0; i < 20; i++) {
                assertThat(replay.record(CheckpointStream.entry(restarted.appliedIndex() + 1)))
                        .noneMatch(o -> o instanceof Outcome.LocalFault);
            }
            assertThat(restarted.appliedIndex()).isGreaterThan(faultedAt);
            CheckpointStream.assertMatchesModel(table(restarted), "after the replay");
        }
    }
}
