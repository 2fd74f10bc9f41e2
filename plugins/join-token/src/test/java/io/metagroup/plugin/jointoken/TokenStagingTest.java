package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import org.junit.jupiter.api.Test;

class TokenStagingTest {
    private final TokenFixture t = TokenFixture.create();

    private Transaction begin(long ms) {
        return t.applier.begin(new ApplyContext(t.applier.appliedIndex() + 1, new Hlc(ms * 1_000_000L, 0)));
    }

    @Test
    void aLaterApplySeesTheEarlierOnesAndNothingShowsBeforeCommit() {
        Sha256 hash = TokenFixture.newHash();
        Transaction tx = begin(T0);

        assertThat(tx.apply(TokenFixture.register(hash, T0 + TTL))).isEqualTo(Outcome.applied());
        assertThat(tx.apply(TokenFixture.begin(hash, "a:1"))).isEqualTo(Outcome.applied());
        assertThat(tx.apply(TokenFixture.consume(hash, "a:1"))).isEqualTo(Outcome.applied());
        assertThat(t.state(hash)).as("not visible before commit").isEmpty();

        tx.commit();

        assertThat(t.state(hash)).hasValue(new TokenState.Consumed("a:1", T0));
    }

    @Test
    void abortLeavesTheStateUntouched() {
        Sha256 hash = t.issued();
        var before = t.applier.digest();
        Transaction tx = begin(T0 + 1);

        tx.apply(TokenFixture.begin(hash, "a:1"));
        tx.apply(TokenFixture.register(TokenFixture.newHash(), T0 + TTL));
        tx.abort();

        assertThat(t.applier.digest()).isEqualTo(before);
        assertThat(t.state(hash)).hasValue(new TokenState.Issued(T0 + TTL));
    }

    @Test
    void aBatchWithARejectedTransitionLeavesNothingBehind() {
        Sha256 hash = TokenFixture.newHash();

        Outcome outcome = t.at(T0, Batch.of(TokenFixture.register(hash, T0 + TTL), TokenFixture.begin(hash, "a:1"),
                TokenFixture.consume(hash, "b:1")));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(t.states.tokens()).isEmpty();
        assertThat(t.applier.appliedIndex()).isEqualTo(1);
    }

    @Test
    void otherEntriesChangeNothing() {
        t.issued();
        var before = t.applier.digest();

        assertThat(t.at(T0, new io.metagroup.model.MetadataEntry.SurrogateAlloc(9))).isEqualTo(Outcome.applied());

        assertThat(t.applier.digest()).isEqualTo(before);
    }
}
