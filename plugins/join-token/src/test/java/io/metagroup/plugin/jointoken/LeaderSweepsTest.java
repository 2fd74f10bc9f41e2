package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderSweepsTest {
    private static final Duration DEAD_MAN = Duration.ofSeconds(30);
    private final TokenFixture t = TokenFixture.create();

    @Test
    void registeringATokenLogsItsHashAndExpiryOnly() {
        JoinToken token = JoinToken.generate(TokenFixture.RANDOM);

        JoinTokenTransition entry = JoinTokens.register(token, Duration.ofMinutes(15), T0);

        assertThat(entry).isEqualTo(new JoinTokenTransition(token.hash(),
                new JoinTokenTransitionKind.Register(T0 + 15 * 60_000), T0));
        assertThat(t.at(T0 + 5, entry)).isEqualTo(Outcome.applied());
        assertThatThrownBy(() -> JoinTokens.register(token, Duration.ZERO, T0))
                .hasMessage("a join token's time to live must be positive, got PT0S");
    }

    @Test
    void theExpirySweepNamesTheIssuedTokensDueAtNowAndTheyApply() {
        Sha256 due = t.issued();
        Sha256 inFlight = t.inFlight("a:1");
        Sha256 later = TokenFixture.newHash();
        t.at(T0, TokenFixture.register(later, T0 + 2 * TTL));

        assertThat(JoinTokens.expirations(t.states.tokens(), T0 + TTL - 1)).isEmpty();
        List<JoinTokenTransition> sweep = JoinTokens.expirations(t.states.tokens(), T0 + TTL);

        assertThat(sweep).containsExactly(new JoinTokenTransition(due, new JoinTokenTransitionKind.MarkExpired(), T0 + TTL));
        assertThat(sweep).extracting(JoinTokenTransition::tokenHash).doesNotContain(inFlight, later);
        assertThat(t.at(T0 + TTL, sweep.get(0))).isEqualTo(Outcome.applied());
        assertThat(JoinTokens.expirations(t.states.tokens(), T0 + TTL)).isEmpty();
    }

    @Test
    void theDeadManSweepRevertsJoinsStuckInFlightAndTheyApply() {
        Sha256 stuck = t.inFlight("a:1"); // since T0 + 1000
        Sha256 issued = t.issued();

        assertThat(JoinTokens.deadManReverts(t.states.tokens(), T0 + 1000 + DEAD_MAN.toMillis() - 1, DEAD_MAN)).isEmpty();
        List<JoinTokenTransition> sweep = JoinTokens.deadManReverts(t.states.tokens(), T0 + 1000 + DEAD_MAN.toMillis(), DEAD_MAN);

        assertThat(sweep).extracting(JoinTokenTransition::tokenHash).containsExactly(stuck).doesNotContain(issued);
        assertThat(sweep.get(0).transition()).isEqualTo(new JoinTokenTransitionKind.RevertInFlight());
        assertThat(t.at(T0 + 31_000, sweep.get(0))).isEqualTo(Outcome.applied());
        assertThat(t.state(stuck)).hasValue(new TokenState.Issued(T0 + TTL));
    }

    @Test
    void sweepsListTokensInHashOrder() {
        for (int i = 0; i < 5; i++) {
            t.issued();
        }

        List<JoinTokenTransition> sweep = JoinTokens.expirations(t.states.tokens(), T0 + TTL);

        assertThat(sweep).extracting(JoinTokenTransition::tokenHash).isSorted().hasSize(5);
    }
}
