package io.metagroup.raft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.Tuning;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposals through a remote client: applied on every node once, a retry with the same key gets the first outcome
 * and changes nothing, concurrent proposals are group committed, a refusal at the door and a rejection at apply come
 * back as such.
 */
class ClientProposeExactlyOnceTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void proposalsApplyOnceEverywhereAndRetriesWithTheSameKeyChangeNothing(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults());
             MetadataClient client = Clients.of(cluster)) {
            IdempotencyKey key = client.nextKey();
            ProposalResult first = client.propose(key, Recorder.ddl("once")).get(30, TimeUnit.SECONDS);
            assertThat(first.applied()).isTrue();
            assertThat(first.key()).isEqualTo(key);
            ProposalResult again = client.propose(key, Recorder.ddl("once")).get(30, TimeUnit.SECONDS);
            assertThat(again.outcome()).isEqualTo(first.outcome());
            assertThat(again.index()).as("the retry is a record of its own").isGreaterThan(first.index());

            List<CompletableFuture<ProposalResult>> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                many.add(client.propose(Recorder.ddl("many-" + i)));
            }
            long last = 0;
            for (CompletableFuture<ProposalResult> f : many) {
                ProposalResult r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.applied()).isTrue();
                last = Math.max(last, r.index());
            }
            assertThat(many.stream().map(f -> f.join().index()).distinct().count())
                    .as("records carrying the 100 proposals (group commit)").isLessThan(100);

            cluster.awaitAllApplied(last, Duration.ofSeconds(30));
            for (long id : cluster.ids()) {
                assertThat(cluster.recorder(id).counts().get("once")).as("node %d", id).isEqualTo(1);
                assertThat(cluster.recorder(id).applied()).as("node %d", id).hasSize(101);
                assertThat(cluster.node(id).core().cache().catalogDdlCount()).isEqualTo(101);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRefusalAtTheDoorFailsAndARejectionAtApplyIsAnOutcome(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults());
             MetadataClient client = Clients.of(cluster)) {
            assertThatThrownBy(() -> client.propose(Recorder.ddl("invalid:no")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProposalException.class)
                    .satisfies(e -> assertThat(((ProposalException) e).kind()).isEqualTo(ProposalException.Kind.INVALID));
            ProposalResult rejected = client.propose(Recorder.ddl("reject:no")).get(30, TimeUnit.SECONDS);
            assertThat(rejected.applied()).isFalse();
            assertThat(rejected.outcome()).isInstanceOf(Outcome.Rejected.class);
            ProposalResult ok = client.propose(Recorder.ddl("fine")).get(30, TimeUnit.SECONDS);
            assertThat(ok.applied()).isTrue();
            cluster.awaitAllApplied(ok.index(), Duration.ofSeconds(30));
            for (long id : cluster.ids()) {
                assertThat(cluster.recorder(id).applied()).as("node %d", id).containsExactly("fine");
            }
        }
    }
}
