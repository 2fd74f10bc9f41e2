package io.metagroup.raft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.SubscriptionEnd;
import io.metagroup.raft.SubscriptionListener;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.Tuning;
import io.metagroup.raft.support.Ports;
import io.metagroup.raft.support.TestCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of a client whose members do not answer fails within a bounded time with one sentence naming the
 * cluster, the addresses and why each member did not answer: nothing listening, a listener that never answers, or a
 * group of another name.
 */
class ClientUnreachableGroupTest {
    private static final ClientOptions FAST = ClientOptions.defaults().withAnswerTimeout(Duration.ofSeconds(1))
            .withProposeTimeout(Duration.ofSeconds(10));

    private static final SubscriptionListener IGNORE = new SubscriptionListener() {
        @Override
        public void onEntry(AppliedEntry entry) {
        }

        @Override
        public void onEnd(SubscriptionEnd end) {
        }
    };

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nothingListeningFailsEveryCallWithOneSentence() throws Exception {
        int a = Ports.free();
        int b = Ports.free();
        String expected = "no member of cluster 'c1' at 127.0.0.1:" + a + ", 127.0.0.1:" + b
                + " answered within 1s: is the group running? (node 1: ";
        try (MetadataClient client = MetadataClient.open("c1", Map.of(1L, "127.0.0.1:" + a, 2L, "127.0.0.1:" + b), FAST)) {
            long start = System.nanoTime();
            assertThatThrownBy(client::status).isInstanceOf(GroupUnreachableException.class).hasMessageStartingWith(expected)
                    .hasMessageContaining("; node 2: ");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds to fail").isLessThan(10);
            assertThatThrownBy(client::members).isInstanceOf(GroupUnreachableException.class).hasMessageStartingWith(expected);
            assertThatThrownBy(client::read).isInstanceOf(GroupUnreachableException.class).hasMessageStartingWith(expected);
            assertThatThrownBy(() -> client.watch(1, IGNORE)).isInstanceOf(GroupUnreachableException.class)
                    .hasMessageStartingWith(expected);
            assertThatThrownBy(() -> client.propose(new MetadataEntry.SurrogateAlloc(1)).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProposalException.class)
                    .hasMessageContaining(expected)
                    .satisfies(e -> assertThat(((ProposalException) e).kind()).isEqualTo(ProposalException.Kind.UNAVAILABLE));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aListenerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             MetadataClient client = MetadataClient.open("c1", Map.of(7L, "127.0.0.1:" + silent.getLocalPort()), FAST)) {
            assertThatThrownBy(client::status).isInstanceOf(GroupUnreachableException.class)
                    .hasMessage("no member of cluster 'c1' at 127.0.0.1:" + silent.getLocalPort()
                            + " answered within 1s: is the group running? (node 7: no answer within 1s)");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aGroupOfAnotherNameIsNotTakenForTheOneAskedFor(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults());
             MetadataClient client = MetadataClient.open("other", Clients.peers(cluster),
                     FAST.withAnswerTimeout(Duration.ofSeconds(10)))) {
            assertThatThrownBy(client::status).isInstanceOf(GroupUnreachableException.class)
                    .hasMessageStartingWith("no member of cluster 'other' at ")
                    .hasMessageContaining("is the cluster name right?")
                    .hasMessageContaining("node 1: serves no cluster 'other'");
        }
    }

    @Test
    void badArgumentsAreRefusedAtOpen() {
        assertThatThrownBy(() -> MetadataClient.open("c1", Map.of())).hasMessageContaining("at least one member");
        assertThatThrownBy(() -> MetadataClient.open("", Map.of(1L, "127.0.0.1:1"))).hasMessageContaining("cluster name");
        assertThatThrownBy(() -> MetadataClient.open("c1", Map.of(1L, "nowhere"))).hasMessageContaining("host:port");
    }
}
