package io.metagroup.plugin.jointoken;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random logs of transitions over a few tokens, with record times that only move forward. */
class TokenReplayPropertyTest {
    private static final List<Sha256> HASHES = List.of(TokenFixture.newHash(), TokenFixture.newHash(), TokenFixture.newHash());
    private static final List<String> JOINERS = List.of("a:1", "b:1");

    /** One record: its time step and its entry. */
    record Step(int advanceMs, JoinTokenTransition entry) {}

    @Provide
    Arbitrary<List<Step>> logs() {
        Arbitrary<Sha256> hash = Arbitraries.of(HASHES);
        Arbitrary<String> joiner = Arbitraries.of(JOINERS);
        Arbitrary<JoinTokenTransitionKind> kind = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 400).map(ttl -> new JoinTokenTransitionKind.Register(ttl)),
                joiner.map(JoinTokenTransitionKind.BeginInFlight::new),
                joiner.map(JoinTokenTransitionKind.MarkConsumed::new),
                Arbitraries.just(new JoinTokenTransitionKind.RevertInFlight()),
                Arbitraries.just(new JoinTokenTransitionKind.MarkExpired()),
                Arbitraries.just(new JoinTokenTransitionKind.MarkAborted()));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 50), hash, kind)
                .as((advance, h, k) -> new Step(advance, new JoinTokenTransition(h, k, 0)));
        return step.list().ofMaxSize(60);
    }

    /** Applies {@code log} from {@code from}; a Register's expiry is relative to its record time. */
    private static List<Outcome> replay(TokenFixture t, List<Step> log, int from, int to) {
        long ms = 1_000;
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            ms += log.get(i).advanceMs();
            if (i >= from) {
                outcomes.add(t.driver.record(new Hlc(ms * 1_000_000L, 0), absolute(log.get(i).entry(), ms)).get(0));
            }
        }
        return outcomes;
    }

    private static JoinTokenTransition absolute(JoinTokenTransition e, long ms) {
        return e.transition() instanceof JoinTokenTransitionKind.Register r
                ? new JoinTokenTransition(e.tokenHash(), new JoinTokenTransitionKind.Register(ms + r.expiresAtMs()), 0)
                : e;
    }

    @Property(tries = 300)
    void aNodeRestoredFromASnapshotMidwayEndsWhereAFullReplayEnds(@ForAll("logs") List<Step> log,
                                                                  @ForAll @IntRange(max = 60) int cut) throws IOException {
        int at = Math.min(cut, log.size());
        TokenFixture full = TokenFixture.create();
        List<Outcome> expected = replay(full, log, 0, log.size());
        TokenFixture first = TokenFixture.create();
        replay(first, log, 0, at);
        TokenFixture restored = TokenFixture.create();
        ApplierDriver.restore(restored.applier, ApplierDriver.snapshot(first.applier), at);

        List<Outcome> rest = replay(restored, log, at, log.size());

        assertThat(rest).isEqualTo(expected.subList(at, log.size()));
        assertThat(restored.states.tokens()).isEqualTo(full.states.tokens());
        assertThat(restored.applier.digest()).isEqualTo(full.applier.digest());
    }

    @Property(tries = 300)
    void aFinalStateNeverChangesAndAConsumedTokenWasInFlightForItsJoiner(@ForAll("logs") List<Step> log) {
        TokenFixture t = TokenFixture.create();
        long ms = 1_000;
        for (Step step : log) {
            SortedMap<Sha256, TokenState> before = t.states.tokens();
            ms += step.advanceMs();
            t.driver.record(new Hlc(ms * 1_000_000L, 0), absolute(step.entry(), ms));
            for (Map.Entry<Sha256, TokenState> e : before.entrySet()) {
                TokenState after = t.states.tokens().get(e.getKey());
                if (e.getValue().isFinal()) {
                    assertThat(after).isEqualTo(e.getValue());
                }
                if (after instanceof TokenState.Consumed c && !e.getValue().isFinal()) {
                    assertThat(e.getValue()).isInstanceOfSatisfying(TokenState.InFlight.class,
                            f -> assertThat(f.nodeAddr()).isEqualTo(c.nodeAddr()));
                }
            }
        }
    }
}
