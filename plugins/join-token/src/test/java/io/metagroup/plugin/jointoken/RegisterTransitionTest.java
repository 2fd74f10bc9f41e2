package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static io.metagroup.plugin.jointoken.TokenFixture.abort;
import static io.metagroup.plugin.jointoken.TokenFixture.register;
import static io.metagroup.plugin.jointoken.TokenFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class RegisterTransitionTest {
    private final TokenFixture t = TokenFixture.create();

    @Test
    void anUnknownHashBecomesIssued() {
        Sha256 hash = TokenFixture.newHash();

        assertThat(t.at(T0, register(hash, T0 + TTL))).isEqualTo(Outcome.applied());

        assertThat(t.state(hash)).hasValue(new TokenState.Issued(T0 + TTL));
    }

    @Test
    void aHashAlreadyRegisteredIsRejectedWhateverItsState() {
        Sha256 issued = t.issued();
        Sha256 aborted = t.issued();
        t.at(T0 + 1, abort(aborted));

        assertThat(t.at(T0 + 2, register(issued, T0 + 2 * TTL))).isEqualTo(refused(issued, "be registered",
                "a token with this hash exists and is issued, expiring at " + (T0 + TTL) + " ms"));
        assertThat(t.at(T0 + 3, register(aborted, T0 + 2 * TTL))).isEqualTo(refused(aborted, "be registered",
                "a token with this hash exists and is aborted"));
        assertThat(t.state(issued)).hasValue(new TokenState.Issued(T0 + TTL));
    }

    @Test
    void aTokenThatExpiresAtOrBeforeTheRecordsTimeIsRejected() {
        Sha256 hash = TokenFixture.newHash();

        assertThat(t.at(T0, register(hash, T0))).isEqualTo(refused(hash, "be registered",
                "it expires at " + T0 + " ms, not after the record's time " + T0 + " ms"));
        assertThat(t.state(hash)).isEmpty();
        assertThat(t.at(T0, register(hash, T0 + 1))).isEqualTo(Outcome.applied());
    }
}
