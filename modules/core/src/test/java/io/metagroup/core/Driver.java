package io.metagroup.core;

import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feeds a core one record after another, at the next index, with a fresh idempotency key per proposal and a
 * leader HLC that moves forward by one per record (unless told otherwise). Keeps the log it applied, for replay.
 */
final class Driver {
    static final long PROPOSER = 7;

    final List<LogRecord> log = new ArrayList<>();
    MetadataCore core;
    private long wallNanos = 1_000;
    private long sequence;

    Driver(MetadataCore core) {
        this.core = core;
    }

    static MetadataCore create(Path dataDir, ApplierPlugin... plugins) {
        try {
            return MetadataCore.create(List.of(plugins), dataDir, Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Topology, then the durable journal. */
    static MetadataCore withTestPlugins(Path dataDir) {
        return create(dataDir, new JournalTestPlugin(), new TopologyTestPlugin());
    }

    Outcome apply(MetadataEntry entry) {
        return applyAt(new Hlc(wallNanos, 0), entry);
    }

    Outcome applyAt(Hlc leaderHlc, MetadataEntry entry) {
        return applyRecord(new LogRecord(leaderHlc, List.of(new Proposal(nextKey(), entry)))).get(0);
    }

    /** Applies {@code record} at the next index and logs it. */
    List<Outcome> applyRecord(LogRecord record) {
        long index = log.size() + 1;
        log.add(record);
        wallNanos = Math.max(wallNanos, record.leaderHlc().wallNanos()) + 1;
        return core.applyRecord(index, record);
    }

    IdempotencyKey nextKey() {
        return new IdempotencyKey(PROPOSER, ++sequence);
    }

    /** The core's snapshot at its applied index. */
    static byte[] snapshot(MetadataCore core) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            core.writeSnapshot(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Restores {@code snapshot}, written at {@code index}, into {@code core}. */
    static void restore(MetadataCore core, byte[] snapshot, long index) throws java.io.IOException {
        core.restoreSnapshot(new java.io.ByteArrayInputStream(snapshot), index);
    }

    /** Applies the logged records above the core's applied index, as a restarted node replays its log. */
    void replay() {
        for (long index = core.appliedIndex() + 1; index <= log.size(); index++) {
            core.applyRecord(index, log.get((int) index - 1));
        }
    }
}
