package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower that was down while the others compacted their logs comes back behind the purged log: it installs a
 * snapshot from the leader (sent in small chunks), the leader is killed while the install runs, and the next leader
 * brings it up. It ends with the same state and digest as the others.
 */
class LaggardSnapshotCatchUpTest {
    private static final String PAD = "x".repeat(900);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFollowerBehindAPurgedLogInstallsASnapshotAcrossALeaderChange(@TempDir Path dir) throws Exception {
        Tuning tuning = Tuning.defaults().withCompaction(40, 8, true);
        // small log segments, so that purging (which drops whole closed segments) happens in this small test
        Map<String, String> settings = Map.of(
                "ratis.raft.server.log.appender.snapshot.chunk.size.max", "2KB",
                "ratis.raft.server.log.segment.size.max", "32KB",
                "ratis.raft.server.log.preallocated.size", "16KB");
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning, id -> settings, m -> (self, peer) -> peer)) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long laggard = leader % 3 + 1;
            ProposalResult first = cluster.node(leader).propose(Recorder.ddl("first")).get(20, TimeUnit.SECONDS);
            cluster.awaitAllApplied(first.index(), Duration.ofSeconds(20));
            long laggardApplied = cluster.node(laggard).appliedIndex();
            cluster.kill(laggard);

            long last = 0;
            for (int round = 0; round < 150; round++) {
                List<CompletableFuture<ProposalResult>> two = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    two.add(cluster.node(leader).propose(Recorder.ddl("e" + round + "-" + k + "-" + PAD)));
                }
                for (CompletableFuture<ProposalResult> f : two) {
                    last = Math.max(last, f.get(20, TimeUnit.SECONDS).index());
                }
            }
            long finalLast = last;
            cluster.awaitAllApplied(finalLast, Duration.ofSeconds(30));
            MetadataGroup lead = cluster.node(leader);
            Await.until(Duration.ofSeconds(30), "the leader purged its log past the laggard",
                    () -> lead.status().logStart() > laggardApplied + 1);
            assertThat(lead.status().snapshot()).isPositive();

            MetadataGroup back = cluster.restart(laggard);
            Path installs = cluster.config(laggard).dataDir().resolve("ratis");
            Await.until(Duration.ofSeconds(30), "the snapshot install started on the laggard",
                    () -> installInProgress(installs) || back.status().installs() > 0);
            boolean killedDuringInstall = back.status().installs() == 0;
            cluster.kill(leader);
            long next = cluster.awaitLeader(Duration.ofSeconds(30));
            assertThat(next).isNotEqualTo(leader);

            ProposalResult after = cluster.node(next).propose(Recorder.ddl("after")).get(30, TimeUnit.SECONDS);
            back.awaitApplied(after.index()).get(60, TimeUnit.SECONDS);
            assertThat(back.status().installs()).as("snapshots installed on the laggard").isPositive();
            assertThat(killedDuringInstall).as("the leader died while the install ran").isTrue();
            cluster.restart(leader).awaitApplied(after.index()).get(60, TimeUnit.SECONDS);

            List<String> expected = cluster.recorder(next).applied();
            assertThat(expected).hasSize(302).doesNotHaveDuplicates();
            for (long id = 1; id <= 3; id++) {
                assertThat(cluster.recorder(id).applied()).as("sequence on node %d", id).isEqualTo(expected);
                assertThat(cluster.node(id).digest()).isEqualTo(cluster.node(next).digest());
            }
        }
    }

    /** A partial install: Ratis writes the chunks under {@code <group>/tmp/snapshot-<request>} first. */
    private static boolean installInProgress(Path ratisDir) {
        try (Stream<Path> files = Files.walk(ratisDir, 3)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot-")
                    && p.getParent().getFileName().toString().equals("tmp"));
        } catch (IOException e) {
            return false;
        }
    }
}
