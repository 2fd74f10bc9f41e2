package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import org.junit.jupiter.api.Test;

class JoinTokenValidationTest {
    private final TokenFixture t = TokenFixture.create();

    @Test
    void aRegistrationBornExpiredIsRefusedBeforeTheLog() {
        Sha256 hash = TokenFixture.newHash();

        assertThat(t.applier.validate(new JoinTokenTransition(hash, new JoinTokenTransitionKind.Register(T0), T0)))
                .hasValue("join token " + hash + " cannot be registered: it expires at " + T0 + " ms, not after its "
                        + "proposal time " + T0 + " ms");
        assertThat(t.applier.validate(new JoinTokenTransition(hash, new JoinTokenTransitionKind.Register(T0 + 1), T0)))
                .isEmpty();
    }

    @Test
    void stateDependentRulesWaitForApply() {
        Sha256 unknown = TokenFixture.newHash();

        assertThat(t.applier.validate(TokenFixture.begin(unknown, "a:1"))).isEmpty();
        assertThat(t.applier.validate(TokenFixture.consume(unknown, "a:1"))).isEmpty();
        assertThat(t.applier.validate(TokenFixture.expire(unknown))).isEmpty();
    }
}
