package io.metagroup.core;

import static io.metagroup.core.Entries.ORDERS;
import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.drain;
import static io.metagroup.core.Entries.grant;
import static io.metagroup.core.Entries.hlc;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a drain is live (judged by the record's HLC), grants at or below its version are refused. */
class DrainRulesTest {
    @TempDir
    Path dir;

    private Driver driver;
    private MetadataCache cache;

    @BeforeEach
    void setUp() {
        driver = new Driver(Driver.create(dir));
        cache = driver.core.cache();
    }

    @Test
    void liveDrainRefusesGrantsAtOrBelowItsVersion() {
        assertThat(driver.applyAt(hlc(100), drain(USERS, 5, 1_000))).isEqualTo(Outcome.applied());

        Outcome atVersion = driver.applyAt(hlc(200), grant(USERS, 5, 1, 5_000));
        Outcome below = driver.applyAt(hlc(201), grant(USERS, 3, 2, 5_000));

        assertThat(atVersion).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) atVersion).reason())
                .isEqualTo("core: lease on 1/COLLECTION/users at version 5 refused: the descriptor is draining up to"
                        + " version 5 until HLC 1000.0");
        assertThat(below).isInstanceOf(Outcome.Rejected.class);
        assertThat(cache.leases()).isEmpty();
        assertThat(cache.hlcWatermark()).isEqualTo(Hlc.ZERO);
    }

    @Test
    void liveDrainLetsNewerVersionsAndOtherDescriptorsThrough() {
        driver.applyAt(hlc(100), drain(USERS, 5, 1_000));

        assertThat(driver.applyAt(hlc(200), grant(USERS, 6, 1, 5_000))).isEqualTo(Outcome.applied());
        assertThat(driver.applyAt(hlc(201), grant(ORDERS, 1, 1, 5_000))).isEqualTo(Outcome.applied());
        assertThat(cache.leases()).hasSize(2);
    }

    @Test
    void drainExpiresByTheRecordHlcNotByAnyClock() {
        driver.applyAt(hlc(100), drain(USERS, 5, 1_000));

        assertThat(driver.applyAt(hlc(999), grant(USERS, 5, 1, 5_000))).isInstanceOf(Outcome.Rejected.class);
        assertThat(cache.isDraining(USERS, 5, hlc(999))).isTrue();
        assertThat(cache.isDraining(USERS, 5, hlc(1_000))).isFalse();
        // at expiresAt the drain no longer counts; the grant that finds it expired drops it
        assertThat(driver.applyAt(hlc(1_000), grant(USERS, 5, 1, 5_000))).isEqualTo(Outcome.applied());
        assertThat(cache.drain(USERS)).isEmpty();
        assertThat(cache.lease(USERS, 1)).isPresent();
    }

    @Test
    void logicalCounterOfTheHlcDecidesAtTheSameWallTime() {
        driver.applyAt(hlc(100), new MetadataEntry.DescriptorDrainStart(USERS, 5, new Hlc(1_000, 7)));

        assertThat(driver.applyAt(new Hlc(1_000, 6), grant(USERS, 5, 1, 5_000))).isInstanceOf(Outcome.Rejected.class);
        assertThat(driver.applyAt(new Hlc(1_000, 7), grant(USERS, 5, 1, 5_000))).isEqualTo(Outcome.applied());
    }

    @Test
    void drainEndRemovesTheDrain() {
        driver.applyAt(hlc(100), drain(USERS, 5, 1_000));
        assertThat(driver.applyAt(hlc(101), new MetadataEntry.DescriptorDrainEnd(USERS))).isEqualTo(Outcome.applied());

        assertThat(cache.drain(USERS)).isEmpty();
        assertThat(driver.applyAt(hlc(102), grant(USERS, 5, 1, 5_000))).isEqualTo(Outcome.applied());
    }

    @Test
    void laterDrainStartReplacesTheEarlierOne() {
        driver.applyAt(hlc(100), drain(USERS, 5, 1_000));
        driver.applyAt(hlc(101), drain(USERS, 2, 1_000));

        assertThat(cache.drain(USERS)).contains(new DescriptorDrain(USERS, 2, hlc(1_000)));
        assertThat(driver.applyAt(hlc(102), grant(USERS, 3, 1, 5_000))).isEqualTo(Outcome.applied());
    }

    @Test
    void drainStartedEarlierInTheSameBatchRefusesTheGrant() {
        Outcome outcome = driver.applyAt(hlc(100), MetadataEntry.Batch.of(drain(USERS, 5, 1_000), grant(USERS, 4, 1, 5_000)));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome).reason()).startsWith("core: batch entry [1]: lease on 1/COLLECTION/users");
        assertThat(cache.drain(USERS)).isEmpty();
    }
}
