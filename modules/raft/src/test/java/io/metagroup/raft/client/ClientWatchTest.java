package io.metagroup.raft.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.Subscription;
import io.metagroup.raft.SubscriptionEnd;
import io.metagroup.raft.SubscriptionListener;
import io.metagroup.raft.Tuning;
import io.metagroup.raft.support.Await;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.charset.StandardCharsets;
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
 * A remote watch delivers every applied entry from an index in log order, across page boundaries and as new entries
 * are applied; asking for entries a member no longer holds ends it with a Compacted signal naming the first index
 * still held; closing ends it with Closed.
 */
class ClientWatchTest {

    /** Collects what a watch delivers. */
    static final class Collector implements SubscriptionListener {
        final List<AppliedEntry> entries = new CopyOnWriteArrayList<>();
        final CompletableFuture<SubscriptionEnd> end = new CompletableFuture<>();

        @Override
        public void onEntry(AppliedEntry entry) {
            entries.add(entry);
        }

        @Override
        public void onEnd(SubscriptionEnd why) {
            end.complete(why);
        }

        List<String> payloads() {
            List<String> out = new ArrayList<>();
            for (AppliedEntry e : entries) {
                if (e.entry() instanceof MetadataEntry.CatalogDdl d) {
                    out.add(new String(d.payload().toByteArray(), StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deliversEveryEntryInOrderAcrossPagesAndLiveOnes(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults());
             MetadataClient client = Clients.of(cluster)) {
            List<CompletableFuture<ProposalResult>> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sent.add(client.propose(Recorder.ddl("before-" + i)));
            }
            for (CompletableFuture<ProposalResult> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            Collector seen = new Collector();
            try (Subscription watch = client.watch(1, seen)) {
                for (int i = 0; i < 20; i++) {
                    client.propose(Recorder.ddl("live-" + i)).get(30, TimeUnit.SECONDS);
                }
                Await.until(Duration.ofSeconds(30), "320 entries watched", () -> seen.entries.size() >= 320);
                assertThat(watch.end()).isEmpty();
            }
            assertThat(seen.end.get(10, TimeUnit.SECONDS)).isInstanceOf(SubscriptionEnd.Closed.class);
            assertThat(seen.entries).hasSize(320);
            assertThat(seen.entries).extracting(AppliedEntry::index).isSorted();
            assertThat(seen.payloads()).isEqualTo(cluster.recorder(1).applied());
            assertThat(seen.payloads().subList(300, 320)).allMatch(p -> p.startsWith("live-"));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void entriesNoLongerHeldEndTheWatchWithCompacted(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults().withSubscriberLimits(10, 100));
             MetadataClient client = Clients.of(cluster)) {
            long last = 0;
            for (int i = 0; i < 30; i++) {
                last = client.propose(Recorder.ddl("e-" + i)).get(30, TimeUnit.SECONDS).index();
            }
            cluster.awaitAllApplied(last, Duration.ofSeconds(30));
            Collector seen = new Collector();
            client.watch(1, seen);
            SubscriptionEnd end = seen.end.get(30, TimeUnit.SECONDS);
            assertThat(end).isInstanceOf(SubscriptionEnd.Compacted.class);
            SubscriptionEnd.Compacted compacted = (SubscriptionEnd.Compacted) end;
            assertThat(compacted.requestedFrom()).isEqualTo(1);
            assertThat(compacted.firstAvailable()).isGreaterThan(1).isLessThanOrEqualTo(last);
            assertThat(seen.entries).isEmpty();

            Collector resumed = new Collector();
            try (Subscription again = client.watch(compacted.firstAvailable(), resumed)) {
                Await.until(Duration.ofSeconds(30), "the held entries", () -> resumed.payloads().contains("e-29"));
                assertThat(again.end()).isEmpty();
            }
            assertThat(resumed.entries).extracting(AppliedEntry::index).allMatch(i -> i >= compacted.firstAvailable());
        }
    }
}
