package io.metagroup.core;

import static io.metagroup.core.Entries.ORDERS;
import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.grant;
import static io.metagroup.core.Entries.proposal;
import static io.metagroup.core.Entries.record;
import static io.metagroup.core.Entries.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.Batch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers on other threads see whole transactions: never half of a Batch. */
class CacheReadConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void readersNeverSeeHalfABatch() throws Exception {
        MetadataCore core = Driver.create(dir);
        MetadataCache cache = core.cache();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Callable<Long> reader = () -> {
                long count = 0;
                while (!done.get()) {
                    int leases = cache.leases().size();
                    if (leases % 2 != 0) {
                        throw new AssertionError("a reader saw " + leases + " leases: half a batch");
                    }
                    count++;
                }
                return count;
            };
            Future<Long> first = readers.submit(reader);
            Future<Long> second = readers.submit(reader);
            for (long index = 1; index <= 4_000; index++) {
                // odd records grant a node a lease on both descriptors, even ones release a node's two leases
                var entry = index % 2 == 1
                        ? Batch.of(grant(USERS, 1, index % 50, 100), grant(ORDERS, 1, index % 50, 100))
                        : release((index * 7) % 50, USERS, ORDERS);
                core.applyRecord(index, record(index, proposal(1, index, entry)));
            }
            done.set(true);
            assertThat(first.get(30, TimeUnit.SECONDS)).isPositive();
            assertThat(second.get(30, TimeUnit.SECONDS)).isPositive();
        } finally {
            done.set(true);
            readers.shutdownNow();
        }
        assertThat(cache.leases().size() % 2).isZero();
    }
}
