package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host reading the digest and the applied index while records apply gets the state of one index: read on two
 * nodes under load, every index seen on both has one digest on both, and reading never throws. (Before, the digest
 * was taken from any thread while apply changed the dedup table and the cache under it.)
 */
class DigestUnderLoadTest {
    private static final int PROPOSALS = 1500;

    private record Seen(long index, Sha256 digest) {
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aDigestReadDuringApplyIsTheDigestOfOneIndex(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            List<Long> readFrom = cluster.ids().subList(0, 2);
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Throwable> readErrors = new CopyOnWriteArrayList<>();
            Map<Long, Map<Long, Sha256>> seen = new ConcurrentHashMap<>();
            List<Thread> readers = new ArrayList<>();
            for (long id : readFrom) {
                MetadataGroup node = cluster.node(id);
                Map<Long, Sha256> mine = new ConcurrentHashMap<>();
                seen.put(id, mine);
                Thread reader = new Thread(() -> {
                    while (loading.get()) {
                        try {
                            Seen s = node.readLocal(core -> new Seen(core.appliedIndex(), core.digest()));
                            Sha256 before = mine.putIfAbsent(s.index(), s.digest());
                            if (before != null && !before.equals(s.digest())) {
                                readErrors.add(new AssertionError("node " + id + " gave two digests at index "
                                        + s.index()));
                            }
                        } catch (RuntimeException e) {
                            readErrors.add(e);
                        }
                    }
                }, "digest-reader-" + id);
                reader.start();
                readers.add(reader);
            }
            List<CompletableFuture<ProposalResult>> proposals = new ArrayList<>();
            MetadataGroup proposer = cluster.node(leader);
            for (int i = 0; i < PROPOSALS; i++) {
                proposals.add(proposer.propose(Recorder.ddl("row " + i)));
                if (i % 64 == 63) {
                    CompletableFuture.allOf(proposals.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(proposals.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long last = proposals.stream().mapToLong(p -> p.join().index()).max().orElseThrow();
            cluster.awaitAllApplied(last, Duration.ofSeconds(30));
            loading.set(false);
            for (Thread reader : readers) {
                reader.join(10_000);
            }

            assertThat(readErrors).isEmpty();
            Map<Long, Sha256> a = seen.get(readFrom.get(0));
            Map<Long, Sha256> b = seen.get(readFrom.get(1));
            List<Long> both = a.keySet().stream().filter(b::containsKey).sorted().toList();
            assertThat(both).as("indexes read on both nodes").hasSizeGreaterThan(10);
            for (long index : both) {
                assertThat(a.get(index)).as("digest at index %d", index).isEqualTo(b.get(index));
            }
        }
    }
}
