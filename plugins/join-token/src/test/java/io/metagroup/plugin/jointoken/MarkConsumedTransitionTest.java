package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static io.metagroup.plugin.jointoken.TokenFixture.consume;
import static io.metagroup.plugin.jointoken.TokenFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class MarkConsumedTransitionTest {
    private static final String JOINER = "joiner.example:7000";
    private final TokenFixture t = TokenFixture.create();

    @Test
    void aTokenInFlightIsConsumedByItsJoiner() {
        Sha256 hash = t.inFlight(JOINER);

        assertThat(t.at(T0 + 2000, consume(hash, JOINER))).isEqualTo(Outcome.applied());

        assertThat(t.state(hash)).hasValue(new TokenState.Consumed(JOINER, T0 + 2000));
        assertThat(t.state(hash).orElseThrow().isFinal()).isTrue();
    }

    @Test
    void aJoinInFlightPastTheExpiryStillCompletes() {
        Sha256 hash = t.inFlight(JOINER);

        assertThat(t.at(T0 + TTL + 60_000, consume(hash, JOINER))).isEqualTo(Outcome.applied());
    }

    @Test
    void anotherJoinerCannotConsumeIt() {
        Sha256 hash = t.inFlight(JOINER);

        assertThat(t.at(T0 + 2000, consume(hash, "thief:7000"))).isEqualTo(refused(hash, "be consumed by thief:7000",
                "it is in flight for " + JOINER + " since " + (T0 + 1000) + " ms"));
        assertThat(t.state(hash).orElseThrow()).isInstanceOf(TokenState.InFlight.class);
    }

    @Test
    void anIssuedOrAlreadyConsumedOrUnknownTokenIsRejected() {
        Sha256 issued = t.issued();
        Sha256 consumed = t.inFlight(JOINER);
        t.at(T0 + 2000, consume(consumed, JOINER));
        Sha256 unknown = TokenFixture.newHash();

        assertThat(t.at(T0 + 3000, consume(issued, JOINER))).isEqualTo(refused(issued, "be consumed by " + JOINER,
                "it is issued, expiring at " + (T0 + TTL) + " ms"));
        assertThat(t.at(T0 + 3000, consume(consumed, JOINER))).isEqualTo(refused(consumed, "be consumed by " + JOINER,
                "it is consumed by " + JOINER));
        assertThat(t.at(T0 + 3000, consume(unknown, JOINER))).isEqualTo(refused(unknown, "be consumed by " + JOINER,
                "no such token was registered"));
    }
}
