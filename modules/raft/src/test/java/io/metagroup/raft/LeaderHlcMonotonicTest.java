package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every record carries the HLC its leader stamped; apply sees it strictly increasing from record to record, also
 * across leadership changes, and every node records the same HLC for the last record.
 */
class LeaderHlcMonotonicTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void recordHlcsIncreaseAcrossLeaderChanges(@TempDir Path dir) throws Exception {
        long startNanos = wallNanos();
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            long observer = 1;
            List<AppliedEntry> seen = new CopyOnWriteArrayList<>();
            List<Long> leaders = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long leader = cluster.awaitLeader(Duration.ofSeconds(20));
                leaders.add(leader);
                if (round == 0) {
                    observer = leader % 3 + 1;
                    cluster.node(observer).subscribe(1, new SubscriptionListener() {
                        @Override
                        public void onEntry(AppliedEntry e) {
                            seen.add(e);
                        }

                        @Override
                        public void onEnd(SubscriptionEnd end) {
                        }
                    });
                }
                List<CompletableFuture<ProposalResult>> rs = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    rs.add(cluster.node(1 + i % 3).propose(Recorder.ddl("r" + round + "-" + i)));
                }
                CompletableFuture.allOf(rs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                long target = leader == observer ? leader % 3 + 1 : 6 - leader - observer;
                if (target == observer) {
                    target = 6 - leader - observer;
                }
                cluster.node(leader).transferLeadership(target, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
            }
            long finalObserver = observer;
            Await.until(Duration.ofSeconds(20), "observer saw every entry", () -> seen.size() == 90);
            assertThat(leaders).as("leaders over the rounds").hasSizeGreaterThanOrEqualTo(3);
            assertThat(leaders.stream().distinct().count()).isGreaterThan(1);

            long endNanos = wallNanos();
            Hlc previous = Hlc.ZERO;
            long previousIndex = 0;
            for (AppliedEntry e : seen) {
                // apply keeps HLCs increasing whatever a leader stamps, so check the stamps are the leaders' clocks
                assertThat(e.hlc().wallNanos()).as("wall part of the HLC of record %d", e.index())
                        .isBetween(startNanos, endNanos);
                if (e.index() == previousIndex) {
                    assertThat(e.hlc()).as("proposals of one record share its HLC").isEqualTo(previous);
                } else {
                    assertThat(e.hlc().isAfter(previous)).as("HLC of record %d after %s", e.index(), previous).isTrue();
                }
                previous = e.hlc();
                previousIndex = e.index();
            }
            long last = seen.get(seen.size() - 1).index();
            cluster.awaitAllApplied(last, Duration.ofSeconds(20));
            Hlc expected = cluster.node(finalObserver).core().cache().lastRecordHlc();
            for (long id = 1; id <= 3; id++) {
                assertThat(cluster.node(id).core().cache().lastRecordHlc()).isEqualTo(expected);
            }
        }
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
