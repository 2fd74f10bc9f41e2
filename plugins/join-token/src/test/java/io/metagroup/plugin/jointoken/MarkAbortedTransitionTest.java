package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static io.metagroup.plugin.jointoken.TokenFixture.abort;
import static io.metagroup.plugin.jointoken.TokenFixture.consume;
import static io.metagroup.plugin.jointoken.TokenFixture.expire;
import static io.metagroup.plugin.jointoken.TokenFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class MarkAbortedTransitionTest {
    private static final String JOINER = "10.0.0.3:7000";
    private final TokenFixture t = TokenFixture.create();

    @Test
    void anIssuedOrInFlightTokenIsAborted() {
        Sha256 issued = t.issued();
        Sha256 inFlight = t.inFlight(JOINER);

        assertThat(t.at(T0 + 5000, abort(issued))).isEqualTo(Outcome.applied());
        assertThat(t.at(T0 + 6000, abort(inFlight))).isEqualTo(Outcome.applied());

        assertThat(t.state(issued)).hasValue(new TokenState.Aborted(T0 + 5000));
        assertThat(t.state(inFlight)).hasValue(new TokenState.Aborted(T0 + 6000));
        assertThat(t.at(T0 + 7000, consume(inFlight, JOINER))).as("the joiner's bundle no longer counts")
                .isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void aFinalOrUnknownTokenIsRejected() {
        Sha256 consumed = t.inFlight(JOINER);
        t.at(T0 + 2000, consume(consumed, JOINER));
        Sha256 expired = t.issued();
        t.at(T0 + TTL, expire(expired));
        Sha256 aborted = t.issued();
        t.at(T0 + TTL, abort(aborted));
        Sha256 unknown = TokenFixture.newHash();

        assertThat(t.at(T0 + TTL + 1, abort(consumed))).isEqualTo(refused(consumed, "be aborted", "it is consumed by " + JOINER));
        assertThat(t.at(T0 + TTL + 1, abort(expired))).isEqualTo(refused(expired, "be aborted", "it is expired"));
        assertThat(t.at(T0 + TTL + 1, abort(aborted))).isEqualTo(refused(aborted, "be aborted", "it is aborted"));
        assertThat(t.at(T0 + TTL + 1, abort(unknown))).isEqualTo(refused(unknown, "be aborted", "no such token was registered"));
    }
}
