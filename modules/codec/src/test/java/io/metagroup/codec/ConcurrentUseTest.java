package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.model.TopologyChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One codec serves many threads at once: each thread's encodings and decodings stay its own. */
class ConcurrentUseTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 2_000;

    @Test
    void threadsSharingOneCodecSeeOnlyTheirOwnValues() throws Exception {
        EntryCodec codec = new EntryCodec();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit((Callable<Integer>) () -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        LogRecord record = record(thread, i);
                        byte[] bytes = codec.encodeRecord(record);
                        assertThat(codec.decodeRecord(bytes)).isEqualTo(record);
                        // a failure in between must not disturb this thread's next decode
                        Wire.failure(() -> codec.decodeEntry(Wire.entry("92 01 c6 00 00 10 00")));
                    }
                    return ROUNDS;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(ROUNDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static LogRecord record(int thread, int round) {
        MetadataEntry entry = round % 2 == 0
                ? new TopologyChange.Join(thread, "thread-" + thread + "-round-" + round)
                : MetadataEntry.Batch.of(new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {(byte) thread, (byte) round})));
        return LogRecord.of(new Hlc(round, thread), new Proposal(new IdempotencyKey(thread, round), entry));
    }
}
