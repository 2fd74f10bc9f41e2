package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static io.metagroup.plugin.jointoken.TokenFixture.abort;
import static io.metagroup.plugin.jointoken.TokenFixture.expire;
import static io.metagroup.plugin.jointoken.TokenFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class MarkExpiredTransitionTest {
    private final TokenFixture t = TokenFixture.create();

    @Test
    void anIssuedTokenDueByTheRecordsTimeExpires() {
        Sha256 hash = t.issued();

        assertThat(t.at(T0 + TTL, expire(hash))).isEqualTo(Outcome.applied());

        assertThat(t.state(hash)).hasValue(new TokenState.Expired(T0 + TTL));
    }

    @Test
    void aTokenNotYetDueIsRejected() {
        Sha256 hash = t.issued();

        assertThat(t.at(T0 + TTL - 1, expire(hash))).isEqualTo(refused(hash, "be marked expired",
                "it expires at " + (T0 + TTL) + " ms, after the record's time " + (T0 + TTL - 1) + " ms"));
        assertThat(t.state(hash)).hasValue(new TokenState.Issued(T0 + TTL));
    }

    @Test
    void aTokenInFlightIsNotExpiredUnderItsJoiner() {
        Sha256 hash = t.inFlight("10.0.0.1:7000");

        assertThat(t.at(T0 + TTL + 1, expire(hash))).isEqualTo(refused(hash, "be marked expired",
                "it is in flight for 10.0.0.1:7000 since " + (T0 + 1000) + " ms"));
    }

    @Test
    void aFinalOrUnknownTokenIsRejected() {
        Sha256 expired = t.issued();
        t.at(T0 + TTL, expire(expired));
        Sha256 aborted = t.issued();
        t.at(T0 + 1, abort(aborted));
        Sha256 unknown = TokenFixture.newHash();

        assertThat(t.at(T0 + TTL + 1, expire(expired))).isEqualTo(refused(expired, "be marked expired", "it is expired"));
        assertThat(t.at(T0 + TTL + 1, expire(aborted))).isEqualTo(refused(aborted, "be marked expired", "it is aborted"));
        assertThat(t.at(T0 + TTL + 1, expire(unknown))).isEqualTo(refused(unknown, "be marked expired",
                "no such token was registered"));
    }
}
