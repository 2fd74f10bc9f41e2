package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.Batch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TopologyViewPublicationTest {
    private final TopologyFixture t = TopologyFixture.create();

    @Test
    void readsWithoutACommitInBetweenReturnTheSameValue() {
        t.driver.apply(join(1, "10.0.0.1:9000"));

        ClusterTopology first = t.topology();

        assertThat(t.topology()).isSameAs(first);
        t.driver.apply(join(2, "10.0.0.2:9000"));
        assertThat(t.topology()).isNotSameAs(first);
        assertThat(first.size()).as("an earlier value never changes").isEqualTo(1);
    }

    @Test
    void aConcurrentReaderNeverSeesHalfOfABatch() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            int lastSize = 0;
            while (!done.get() || reads == 0) {
                int size = t.topology().size();
                if (size % 2 != 0 || size < lastSize) {
                    throw new AssertionError("saw " + size + " nodes after " + lastSize);
                }
                lastSize = size;
                reads++;
            }
            return reads;
        });

        for (int i = 0; i < 2_000; i++) {
            t.driver.apply(Batch.of(join(2L * i, "10.0.0.1:9000"), join(2L * i + 1, "10.0.0.2:9000")));
        }
        done.set(true);

        assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
        assertThat(t.topology().size()).isEqualTo(4_000);
    }
}
