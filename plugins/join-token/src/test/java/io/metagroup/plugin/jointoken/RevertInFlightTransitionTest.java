package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static io.metagroup.plugin.jointoken.TokenFixture.begin;
import static io.metagroup.plugin.jointoken.TokenFixture.consume;
import static io.metagroup.plugin.jointoken.TokenFixture.refused;
import static io.metagroup.plugin.jointoken.TokenFixture.revert;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class RevertInFlightTransitionTest {
    private static final String JOINER = "10.1.1.1:7000";
    private final TokenFixture t = TokenFixture.create();

    @Test
    void aTokenInFlightIsIssuedAgainWithItsExpiryAndUsableByAnotherJoiner() {
        Sha256 hash = t.inFlight(JOINER);

        assertThat(t.at(T0 + 60_000, revert(hash))).isEqualTo(Outcome.applied());

        assertThat(t.state(hash)).hasValue(new TokenState.Issued(T0 + TTL));
        assertThat(t.at(T0 + 61_000, begin(hash, "10.1.1.2:7000"))).isEqualTo(Outcome.applied());
    }

    @Test
    void onlyATokenInFlightCanBeReverted() {
        Sha256 issued = t.issued();
        Sha256 consumed = t.inFlight(JOINER);
        t.at(T0 + 2000, consume(consumed, JOINER));

        assertThat(t.at(T0 + 3000, revert(issued))).isEqualTo(refused(issued, "revert a join in flight",
                "it is issued, expiring at " + (T0 + TTL) + " ms"));
        assertThat(t.at(T0 + 3000, revert(consumed))).isEqualTo(refused(consumed, "revert a join in flight",
                "it is consumed by " + JOINER));
        Sha256 unknown = TokenFixture.newHash();
        assertThat(t.at(T0 + 3000, revert(unknown))).isEqualTo(refused(unknown, "revert a join in flight",
                "no such token was registered"));
    }
}
