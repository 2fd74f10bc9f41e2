package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node restarts over a corrupt latest snapshot and leftovers of an interrupted snapshot write and install: the
 * corrupt file is quarantined, the leftovers are removed, the node recovers from an older snapshot plus the log and
 * ends with the same state and digest as the others. When the log no longer reaches back to a valid snapshot, the
 * node refuses to start with an error that says what is missing and what to do.
 */
class CorruptSnapshotRecoveryTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCorruptSnapshotIsQuarantinedAndOrphansAreCleaned(@TempDir Path dir) throws Exception {
        // snapshots every 20 entries; the log is kept (no purge up to the snapshot), so replay can cover the gap
        Tuning tuning = Tuning.defaults().withCompaction(20, 100_000, false);
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning)) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long victim = leader % 3 + 1;
            long last = 0;
            for (int i = 0; i < 70; i++) {
                last = cluster.node(leader).propose(Recorder.ddl("s" + i)).get(20, TimeUnit.SECONDS).index();
            }
            cluster.awaitAllApplied(last, Duration.ofSeconds(20));
            cluster.kill(victim);

            Path ratis = cluster.config(victim).dataDir().resolve("ratis");
            List<Path> snapshots = snapshotFiles(ratis);
            assertThat(snapshots).as("snapshots on the stopped node").hasSizeGreaterThanOrEqualTo(2);
            Path newest = snapshots.get(snapshots.size() - 1);
            byte[] bytes = Files.readAllBytes(newest);
            bytes[bytes.length - 40] ^= 0x01;
            Files.write(newest, bytes);
            Path orphanWrite = newest.resolveSibling(newest.getFileName() + ".writing");
            Files.write(orphanWrite, new byte[] {1, 2, 3});
            Path orphanInstall = newest.getParent().resolveSibling("tmp").resolve("snapshot-interrupted");
            Files.createDirectories(orphanInstall);
            Files.write(orphanInstall.resolve("snapshot.9_999"), new byte[] {4, 5});

            MetadataGroup back = cluster.restart(victim);
            ProposalResult after = cluster.node(leader).propose(Recorder.ddl("after")).get(20, TimeUnit.SECONDS);
            back.awaitApplied(after.index()).get(30, TimeUnit.SECONDS);

            Path quarantine = cluster.config(victim).dataDir().resolve("quarantine");
            try (Stream<Path> q = Files.list(quarantine)) {
                assertThat(q.map(p -> p.getFileName().toString()))
                        .singleElement().asString().startsWith(newest.getFileName() + ".").endsWith(".corrupt");
            }
            assertThat(orphanWrite).doesNotExist();
            assertThat(orphanInstall).doesNotExist();
            assertThat(back.status().healthy()).isTrue();
            assertThat(cluster.recorder(victim).applied()).isEqualTo(cluster.recorder(leader).applied())
                    .hasSize(71).doesNotHaveDuplicates();
            assertThat(back.digest()).isEqualTo(cluster.node(leader).digest());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void corruptSnapshotsOverAPurgedLogStopTheStartWithAClearError(@TempDir Path dir) throws Exception {
        Tuning tuning = Tuning.defaults().withCompaction(20, 4, true);
        Map<String, String> settings = Map.of("ratis.raft.server.log.segment.size.max", "8KB",
                "ratis.raft.server.log.preallocated.size", "4KB");
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning, id -> settings, m -> (self, peer) -> peer)) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long victim = leader % 3 + 1;
            long last = 0;
            for (int i = 0; i < 70; i++) {
                last = cluster.node(leader).propose(Recorder.ddl("p" + i + "-" + "y".repeat(900)))
                        .get(20, TimeUnit.SECONDS).index();
            }
            cluster.awaitAllApplied(last, Duration.ofSeconds(20));
            long logStart = cluster.node(victim).status().logStart();
            cluster.kill(victim);
            // every snapshot on the node is damaged, and the log no longer starts at the beginning
            assertThat(logStart).as("the log was purged").isGreaterThan(1);
            // (a stopping server may still write its last snapshot: corrupt until no new file shows up)
            java.util.Set<Path> corrupted = new java.util.HashSet<>();
            for (int pass = 0; pass < 5; pass++) {
                for (Path snapshot : snapshotFiles(cluster.config(victim).dataDir().resolve("ratis"))) {
                    if (corrupted.add(snapshot)) {
                        byte[] bytes = Files.readAllBytes(snapshot);
                        bytes[bytes.length - 40] ^= 0x01;
                        Files.write(snapshot, bytes);
                    }
                }
                Thread.sleep(200);
            }

            assertThatThrownBy(() -> cluster.restart(victim)).as("restart over a log that skips entries")
                    .hasStackTraceContaining("the Raft log starts at")
                    .hasStackTraceContaining("move its ratis directory away");
            try (Stream<Path> q = Files.list(cluster.config(victim).dataDir().resolve("quarantine"))) {
                assertThat(q.count()).as("quarantined snapshots").isGreaterThanOrEqualTo(1);
            }
            // the others are not affected
            assertThat(cluster.node(leader).propose(Recorder.ddl("still-working")).get(20, TimeUnit.SECONDS)
                    .applied()).isTrue();
        }
    }

    private static List<Path> snapshotFiles(Path ratis) throws IOException {
        try (Stream<Path> files = Files.walk(ratis)) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .filter(p -> p.getParent().getFileName().toString().equals("sm"))
                    .sorted((a, b) -> Long.compare(index(a), index(b))).toList();
        }
    }

    private static long index(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('_') + 1));
    }
}
