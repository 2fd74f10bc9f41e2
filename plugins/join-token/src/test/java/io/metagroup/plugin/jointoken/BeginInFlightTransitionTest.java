package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static io.metagroup.plugin.jointoken.TokenFixture.abort;
import static io.metagroup.plugin.jointoken.TokenFixture.begin;
import static io.metagroup.plugin.jointoken.TokenFixture.consume;
import static io.metagroup.plugin.jointoken.TokenFixture.expire;
import static io.metagroup.plugin.jointoken.TokenFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class BeginInFlightTransitionTest {
    private static final String JOINER = "10.0.0.9:7000";
    private final TokenFixture t = TokenFixture.create();

    @Test
    void anIssuedTokenGoesInFlightForTheJoinerSinceTheRecordsTime() {
        Sha256 hash = t.issued();

        assertThat(t.at(T0 + 5000, begin(hash, JOINER))).isEqualTo(Outcome.applied());

        assertThat(t.state(hash)).hasValue(new TokenState.InFlight(T0 + TTL, JOINER, T0 + 5000));
    }

    @Test
    void aTokenAlreadyInFlightIsRejected() {
        Sha256 hash = t.inFlight(JOINER);

        assertThat(t.at(T0 + 2000, begin(hash, "10.0.0.10:7000"))).isEqualTo(refused(hash,
                "begin a join of 10.0.0.10:7000", "it is in flight for " + JOINER + " since " + (T0 + 1000) + " ms"));
    }

    @Test
    void aConsumedTokenCannotBeUsedAgain() {
        Sha256 hash = t.inFlight(JOINER);
        t.at(T0 + 2000, consume(hash, JOINER));

        assertThat(t.at(T0 + 3000, begin(hash, JOINER))).isEqualTo(refused(hash, "begin a join of " + JOINER,
                "it is consumed by " + JOINER));
        assertThat(t.state(hash)).hasValue(new TokenState.Consumed(JOINER, T0 + 2000));
    }

    @Test
    void anExpiredOrAbortedTokenIsRejected() {
        Sha256 expired = t.issued();
        t.at(T0 + TTL, expire(expired));
        Sha256 aborted = t.issued();
        t.at(T0 + 1, abort(aborted));

        assertThat(t.at(T0 + TTL + 1, begin(expired, JOINER))).isEqualTo(refused(expired, "begin a join of " + JOINER,
                "it is expired"));
        assertThat(t.at(T0 + TTL + 2, begin(aborted, JOINER))).isEqualTo(refused(aborted, "begin a join of " + JOINER,
                "it is aborted"));
    }

    @Test
    void anUnknownTokenIsRejected() {
        Sha256 hash = TokenFixture.newHash();

        assertThat(t.at(T0, begin(hash, JOINER))).isEqualTo(refused(hash, "begin a join of " + JOINER,
                "no such token was registered"));
    }

    @Test
    void anIssuedTokenPastItsExpiryIsRejectedAndStaysIssued() {
        Sha256 hash = t.issued();

        assertThat(t.at(T0 + TTL, begin(hash, JOINER))).isEqualTo(refused(hash, "begin a join of " + JOINER,
                "it expired at " + (T0 + TTL) + " ms, at or before the record's time " + (T0 + TTL) + " ms"));
        assertThat(t.state(hash)).hasValue(new TokenState.Issued(T0 + TTL));
    }

    @Test
    void anOverlongJoinerAddressIsRejected() {
        Sha256 hash = t.issued();
        String addr = "h".repeat(300) + ":1";

        assertThat(t.at(T0 + 1, begin(hash, addr))).isEqualTo(refused(hash, "begin a join",
                "the joiner's address is 302 bytes; at most 300"));
        assertThat(t.applier.validate(begin(hash, addr))).hasValue("join token " + hash + " cannot begin a join: "
                + "the joiner's address is 302 bytes; at most 300");
    }
}
