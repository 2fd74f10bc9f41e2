package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

/** The proposer's {@code tsMs} and this machine's clock never decide expiry: only the record's leader HLC does. */
class ExpiryJudgedByRecordHlcTest {

    private static JoinTokenTransition beginStampedBy(Sha256 hash, long tsMs) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.BeginInFlight("10.0.0.1:7000"), tsMs);
    }

    @Test
    void theSameEntryIsAcceptedOrRefusedByTheRecordsTimeAloneWhateverItsTimestampSays() {
        TokenFixture early = TokenFixture.create();
        TokenFixture late = TokenFixture.create();
        Sha256 hash = TokenFixture.newHash();
        early.at(T0, TokenFixture.register(hash, T0 + TTL));
        late.at(T0, TokenFixture.register(hash, T0 + TTL));
        JoinTokenTransition claimsLate = beginStampedBy(hash, T0 + 10 * TTL);
        JoinTokenTransition claimsEarly = beginStampedBy(hash, T0);

        assertThat(early.at(T0 + TTL - 1, claimsLate)).isEqualTo(Outcome.applied());
        assertThat(late.at(T0 + TTL, claimsEarly)).isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void aTokenLongExpiredByThisMachinesClockIsJudgedByRecordTimesAlone() {
        TokenFixture t = TokenFixture.create();
        Sha256 hash = TokenFixture.newHash();
        t.at(1, TokenFixture.register(hash, 3)); // expires 3 ms after the epoch

        assertThat(t.at(2, beginStampedBy(hash, System.currentTimeMillis()))).isEqualTo(Outcome.applied());
        assertThat(t.at(3, TokenFixture.revert(hash))).isEqualTo(Outcome.applied());
        assertThat(t.at(3, TokenFixture.expire(hash))).isEqualTo(Outcome.applied());
    }

    @Test
    void theHlcLogicalCounterAndSubMillisecondNanosDoNotMoveTheRecordsTime() {
        TokenFixture t = TokenFixture.create();
        Sha256 hash = TokenFixture.newHash();
        t.at(T0, TokenFixture.register(hash, T0 + TTL));
        long justBeforeExpiryNanos = (T0 + TTL) * 1_000_000L - 1;

        var outcomes = t.driver.record(new Hlc(justBeforeExpiryNanos, 4_000_000_000L), TokenFixture.expire(hash));

        assertThat(outcomes.get(0)).as("%d ns is still millisecond %d", justBeforeExpiryNanos, T0 + TTL - 1)
                .isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void theRecordTimeIsTheWallTimeInMillisecondsReadUnsigned() {
        assertThat(JoinTokens.recordMillis(new Hlc(1_999_999, 0))).isEqualTo(1);
        assertThat(JoinTokens.recordMillis(new Hlc(-1L, 0))).isEqualTo(Long.divideUnsigned(-1L, 1_000_000L));
        assertThat(JoinTokens.expired(-1L, Long.MAX_VALUE)).as("expiry read unsigned").isFalse();
    }
}
