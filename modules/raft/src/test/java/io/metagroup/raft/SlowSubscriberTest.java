package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscribers get every applied entry in order through a bounded buffer. A subscriber that blocks does not stall
 * apply or the other subscribers: it is ended with an overflow signal. One that asks for entries older than the
 * retained history gets Compacted.
 */
class SlowSubscriberTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aBlockedSubscriberOverflowsWhileApplyAndOthersGoOn(@TempDir Path dir) throws Exception {
        Tuning tuning = Tuning.defaults().withSubscriberLimits(64, 8);
        try (TestCluster cluster = TestCluster.start(dir, 3, tuning)) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            MetadataGroup node = cluster.node(2);
            CountDownLatch never = new CountDownLatch(1);
            AtomicReference<SubscriptionEnd> slowEnd = new AtomicReference<>();
            Subscription slow = node.subscribe(1, new Listener(e -> await(never), slowEnd));
            List<AppliedEntry> fast = new CopyOnWriteArrayList<>();
            AtomicReference<SubscriptionEnd> fastEnd = new AtomicReference<>();
            Subscription quick = node.subscribe(1, new Listener(fast::add, fastEnd));

            List<CompletableFuture<ProposalResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(cluster.node(1 + i % 3).propose(Recorder.ddl("e" + i)));
                if (i % 4 == 3) {
                    results.get(i).get(20, TimeUnit.SECONDS); // several records, not one
                }
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long last = results.stream().mapToLong(r -> r.join().index()).max().orElseThrow();
            node.awaitApplied(last).get(20, TimeUnit.SECONDS);

            // the blocked listener is still inside onEntry; its subscription already knows it overflowed
            assertThat(slow.end()).get().isInstanceOfSatisfying(SubscriptionEnd.Overflow.class,
                    o -> assertThat(o.capacity()).isEqualTo(8));
            assertThat(slowEnd.get()).isNull();
            Await.until(Duration.ofSeconds(10), "the fast subscriber has every entry", () -> fast.size() == 40);
            never.countDown(); // once it returns, the listener is told
            Await.until(Duration.ofSeconds(10), "the blocked subscriber is told", () -> slowEnd.get() != null);
            assertThat(slowEnd.get()).isInstanceOf(SubscriptionEnd.Overflow.class);
            assertThat(fast).extracting(AppliedEntry::index).isSorted();
            assertThat(fast.stream().map(e -> e.outcome().isApplied())).containsOnly(true);
            assertThat(fastEnd.get()).isNull();

            // 64 entries retained: after more, a subscriber from index 1 is told the history is compacted
            for (int i = 0; i < 40; i++) {
                node.propose(Recorder.ddl("more" + i)).get(20, TimeUnit.SECONDS);
            }
            AtomicReference<SubscriptionEnd> lateEnd = new AtomicReference<>();
            node.subscribe(1, new Listener(e -> { }, lateEnd));
            Await.until(Duration.ofSeconds(10), "the late subscriber is ended", () -> lateEnd.get() != null);
            assertThat(lateEnd.get()).isInstanceOfSatisfying(SubscriptionEnd.Compacted.class, c -> {
                assertThat(c.requestedFrom()).isEqualTo(1);
                assertThat(c.firstAvailable()).isGreaterThan(1);
            });
            // resubscribing from a retained index delivers from there (a few entries: the buffer holds 8)
            long firstAvailable = ((SubscriptionEnd.Compacted) lateEnd.get()).firstAvailable();
            long from = Math.max(firstAvailable, node.appliedIndex() - 3);
            List<AppliedEntry> resumed = new CopyOnWriteArrayList<>();
            Subscription again = node.subscribe(from, new Listener(resumed::add, new AtomicReference<>()));
            Await.until(Duration.ofSeconds(10), "the resumed subscriber catches up",
                    () -> !resumed.isEmpty() && resumed.get(resumed.size() - 1).index() >= node.appliedIndex());
            assertThat(resumed.get(0).index()).isGreaterThanOrEqualTo(from);
            assertThat(resumed).extracting(AppliedEntry::index).isSorted();

            quick.close();
            again.close();
            slow.close();
            Await.until(Duration.ofSeconds(10), "closed subscriber ended", () -> fastEnd.get() != null);
            assertThat(fastEnd.get()).isInstanceOf(SubscriptionEnd.Closed.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Listener(java.util.function.Consumer<AppliedEntry> onEntry, AtomicReference<SubscriptionEnd> end)
            implements SubscriptionListener {
        @Override
        public void onEntry(AppliedEntry entry) {
            onEntry.accept(entry);
        }

        @Override
        public void onEnd(SubscriptionEnd why) {
            end.set(why);
        }
    }
}
