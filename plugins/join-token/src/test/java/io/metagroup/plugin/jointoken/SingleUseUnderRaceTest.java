package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many joiners present one token at once; the log orders them and exactly one gets it. */
class SingleUseUnderRaceTest {
    private static final int JOINERS = 16;

    private static String joiner(int i) {
        return "10.0.1." + i + ":7000";
    }

    @Test
    void concurrentProposalsAppliedOneAfterAnotherLetExactlyOneJoinerIn() throws Exception {
        TokenFixture t = TokenFixture.create();
        Sha256 hash = t.issued();
        Object applyThread = new Object(); // the log: one record at a time, in arrival order
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(JOINERS);
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int i = 0; i < JOINERS; i++) {
                MetadataEntry entry = TokenFixture.begin(hash, joiner(i));
                results.add(pool.submit(() -> {
                    start.await();
                    synchronized (applyThread) {
                        return t.at(T0 + 1000, entry);
                    }
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> r : results) {
                outcomes.add(r.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(Outcome::isApplied).hasSize(1);
            int winner = outcomes.indexOf(Outcome.applied());
            assertThat(t.state(hash)).hasValue(new TokenState.InFlight(T0 + TokenFixture.TTL, joiner(winner), T0 + 1000));
            assertThat(outcomes).filteredOn(o -> !o.isApplied()).allSatisfy(o -> assertThat(((Outcome.Rejected) o).reason())
                    .endsWith("it is in flight for " + joiner(winner) + " since " + (T0 + 1000) + " ms"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyProposalsInOneRecordLetOnlyTheFirstIn() {
        TokenFixture t = TokenFixture.create();
        Sha256 hash = t.issued();
        MetadataEntry[] proposals = IntStream.range(0, JOINERS).mapToObj(i -> TokenFixture.begin(hash, joiner(i)))
                .toArray(MetadataEntry[]::new);

        List<Outcome> outcomes = t.atOnce(T0 + 1000, proposals);

        assertThat(outcomes.get(0)).isEqualTo(Outcome.applied());
        assertThat(outcomes.subList(1, JOINERS)).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Rejected.class));
    }

    @Test
    void consumingTwiceInOneRecordLetsOnlyOneThrough() {
        TokenFixture t = TokenFixture.create();
        Sha256 hash = t.inFlight(joiner(1));

        List<Outcome> outcomes = t.atOnce(T0 + 2000, TokenFixture.consume(hash, joiner(1)),
                TokenFixture.consume(hash, joiner(1)));

        assertThat(outcomes).containsExactly(Outcome.applied(), TokenFixture.refused(hash,
                "be consumed by " + joiner(1), "it is consumed by " + joiner(1)));
    }
}
