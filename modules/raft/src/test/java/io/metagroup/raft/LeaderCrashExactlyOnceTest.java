package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader is killed under load and restarted on the same data dir, five rounds. Clients retry a proposal whose
 * fate is unknown with the same idempotency key (on any live node). Every acknowledged proposal is applied exactly
 * once, none twice, and every node ends with the same sequence and digest.
 */
class LeaderCrashExactlyOnceTest {
    private static final int WORKERS = 6;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAcknowledgedProposalIsAppliedExactlyOnceAcrossLeaderCrashes(@TempDir Path dir) throws Exception {
        Tuning tuning = Tuning.defaults().withProposeTimeout(Duration.ofSeconds(3));
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning)) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            AtomicInteger cutOffRounds = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> load(cluster, worker, stop, acknowledged, attempted)));
            }
            for (int round = 0; round < 5; round++) {
                Thread.sleep(1200);
                long leader = cluster.awaitLeader(Duration.ofSeconds(20));
                // a proposal whose node dies under it: the client never learns its fate and retries the same key
                // elsewhere, so every round exercises a retry whatever the timing of the workers
                String payload = "round-" + round;
                attempted.add(payload);
                IdempotencyKey key = cluster.node(leader).nextKey();
                CompletableFuture<ProposalResult> cut = cluster.node(leader).propose(key, Recorder.ddl(payload));
                cluster.kill(leader);
                if (cutOff(cut)) {
                    cutOffRounds.incrementAndGet();
                }
                Thread.sleep(800);
                cluster.restart(leader);
                ProposalResult retried = retryUntilAnswered(cluster, key, payload);
                assertThat(retried.applied()).isTrue();
                acknowledged.add(payload);
            }
            Thread.sleep(1000);
            stop.set(true);
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            long commit = cluster.maxCommit();
            cluster.awaitAllApplied(commit, Duration.ofSeconds(60));
            List<String> sequence = cluster.recorder(1).applied();
            Map<String, Integer> counts = cluster.recorder(1).counts();
            assertThat(acknowledged).isNotEmpty();
            // a round's record may still commit before the kill on a busy machine; most rounds are cut off
            assertThat(cutOffRounds.get()).as("rounds whose proposal the kill left unanswered, so it was retried")
                    .isPositive();
            for (String p : acknowledged) {
                assertThat(counts.get(p)).as("times acknowledged %s was applied", p).isEqualTo(1);
            }
            assertThat(sequence).as("nothing applied twice").doesNotHaveDuplicates();
            assertThat(attempted).containsAll(sequence);
            for (long id : List.of(2L, 3L)) {
                assertThat(cluster.recorder(id).applied()).as("sequence on node %d", id).isEqualTo(sequence);
                assertThat(cluster.node(id).digest()).isEqualTo(cluster.node(1).digest());
            }
        }
    }

    /** True when the kill answered {@code proposal} CLOSED: its client cannot know whether it was applied. */
    private static boolean cutOff(CompletableFuture<ProposalResult> proposal) throws Exception {
        try {
            proposal.get(10, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof ProposalException pe && pe.kind() == ProposalException.Kind.CLOSED;
        }
    }

    /**
     * Retries {@code key} on the leader until it answers, as a client that lost its node would: a retryable failure
     * (the new leader still catching up, a timeout) is retried with the same key, at most 20 times.
     */
    private static ProposalResult retryUntilAnswered(TestCluster cluster, IdempotencyKey key, String payload)
            throws Exception {
        ExecutionException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            long next = cluster.awaitLeader(Duration.ofSeconds(20));
            try {
                return cluster.node(next).propose(key, Recorder.ddl(payload)).get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ProposalException pe) || !pe.kind().retryable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new AssertionError("retries of " + payload + " never answered", last);
    }

    private static void load(TestCluster cluster, int worker, AtomicBoolean stop, Set<String> acknowledged,
                             Set<String> attempted) {
        int seq = 0;
        while (!stop.get()) {
            String payload = "w" + worker + "-" + seq++;
            attempted.add(payload);
            IdempotencyKey key = null;
            for (int attempt = 0; attempt < 40; attempt++) {
                MetadataGroup node = anyLive(cluster, worker);
                if (node == null) {
                    sleep(50);
                    continue;
                }
                if (key == null) {
                    key = node.nextKey();
                }
                try {
                    ProposalResult r = node.propose(key, Recorder.ddl(payload)).get(10, TimeUnit.SECONDS);
                    assertThat(r.applied()).isTrue();
                    acknowledged.add(payload);
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ProposalException pe)
                            || !(pe.kind().retryable() || pe.kind() == ProposalException.Kind.CLOSED)) {
                        throw new AssertionError("unexpected failure for " + payload, e);
                    }
                } catch (TimeoutException e) {
                    // not answered in time: resend the same key
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static MetadataGroup anyLive(TestCluster cluster, int worker) {
        List<MetadataGroup> live = cluster.live();
        if (live.isEmpty()) {
            return null;
        }
        return live.get((worker + ThreadLocalRandom.current().nextInt(live.size())) % live.size());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
