package io.metagroup.core;

import static io.metagroup.core.Entries.ORDERS;
import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.grant;
import static io.metagroup.core.Entries.hlc;
import static io.metagroup.core.Entries.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.DescriptorLease;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases are keyed (descriptor, node); the HLC watermark is the largest expiresAt ever granted. */
class LeaseTableTest {
    @TempDir
    Path dir;

    @Test
    void grantsAreKeyedByDescriptorAndNodeAndReplaceEachOther() {
        Driver driver = new Driver(Driver.create(dir));
        MetadataCache cache = driver.core.cache();

        driver.apply(grant(USERS, 1, 1, 500));
        driver.apply(grant(USERS, 1, 2, 600));
        driver.apply(grant(ORDERS, 4, 1, 700));
        driver.apply(grant(USERS, 2, 1, 800));

        assertThat(cache.leases()).hasSize(3);
        assertThat(cache.lease(USERS, 1)).contains(new DescriptorLease(USERS, 2, 1, hlc(800)));
        assertThat(cache.leases(USERS)).extracting(DescriptorLease::nodeId).containsExactly(1L, 2L);
        assertThat(cache.leases(ORDERS)).extracting(DescriptorLease::version).containsExactly(4L);
    }

    @Test
    void nodeIdsOrderUnsigned() {
        Driver driver = new Driver(Driver.create(dir));
        driver.apply(grant(USERS, 1, -1L, 500));
        driver.apply(grant(USERS, 1, 3, 500));

        assertThat(driver.core.cache().leases(USERS)).extracting(DescriptorLease::nodeId).containsExactly(3L, -1L);
    }

    @Test
    void releaseRemovesOnlyThatNodesLeasesOnTheListedDescriptors() {
        Driver driver = new Driver(Driver.create(dir));
        MetadataCache cache = driver.core.cache();
        driver.apply(grant(USERS, 1, 1, 500));
        driver.apply(grant(USERS, 1, 2, 500));
        driver.apply(grant(ORDERS, 1, 1, 500));

        driver.apply(release(1, USERS, ORDERS));

        assertThat(cache.leases()).containsExactly(new DescriptorLease(USERS, 1, 2, hlc(500)));
    }

    @Test
    void watermarkIsTheLargestExpiryEverGrantedAndNeverFalls() {
        Driver driver = new Driver(Driver.create(dir));
        MetadataCache cache = driver.core.cache();

        driver.apply(grant(USERS, 1, 1, 900));
        driver.apply(grant(USERS, 1, 2, 400));
        assertThat(cache.hlcWatermark()).isEqualTo(hlc(900));

        driver.apply(release(1, USERS));
        assertThat(cache.hlcWatermark()).isEqualTo(hlc(900));
    }
}
