package io.metagroup.bench;

import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.plugin.migration.MigrationStateTable;
import io.metagroup.spi.Outcome;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable migration checkpoint upserts per second on this machine's disk, three ways in one run:
 * <ul>
 *   <li>{@code migrationPlugin}: MigrationCheckpoint records applied through the core to the migration plugin,
 *       whose store commits its MapDB file every {@code commitEvery} records (1: every record durable on its own;
 *       1000: the plugin's default, the Raft log covering the records in between);</li>
 *   <li>{@code mapdbPutCommit}: MapDB's own transactional store, one put and one commit per upsert;</li>
 *   <li>{@code rawFsync}: the disk's floor, a 160-byte write and an fsync per op.</li>
 * </ul>
 * Rows cycle over 1024 migrations (at most one per vShard), each upsert a new attempt.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MigrationStoreBenchmark {
    private static final int MIGRATIONS = 1024;
    private static final int ROW_BYTES = 160;

    /** The core with topology, routing and migration. */
    @State(Scope.Thread)
    public static class Plugin {
        @Param({"1", "1000"})
        public int commitEvery;
        private BenchCore core;
        private long index;

        /** Starts the core in a temporary directory. */
        @Setup(Level.Trial)
        public void start() throws Exception {
            Map<String, String> settings = new HashMap<>(ApplyStream.GENESIS);
            settings.put("plugin.migration.commitEvery", Integer.toString(commitEvery));
            core = BenchCore.open(Set.of("topology", "routing", "migration"), settings);
        }

        /** Closes the core and deletes the directory. */
        @TearDown(Level.Trial)
        public void stop() throws Exception {
            core.close();
        }

        MigrationStateTable table() {
            return core.core().applier("migration", MigrationStateTable.class);
        }
    }

    /** MapDB with its write-ahead log, committed per put. */
    @State(Scope.Thread)
    public static class MapDb {
        private Path dir;
        private DB db;
        private BTreeMap<String, byte[]> rows;
        private final byte[] row = Samples.payload(9, ROW_BYTES).toByteArray();
        private long n;

        /** Opens the file. */
        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("metagroup-bench-mapdb");
            File file = dir.resolve("rows.db").toFile();
            db = DBMaker.fileDB(file).fileChannelEnable().transactionEnable().make();
            rows = db.treeMap("rows", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        }

        /** Closes and deletes the file. */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            db.close();
            TempDirs.delete(dir);
        }
    }

    /** A file written and fsynced in place. */
    @State(Scope.Thread)
    public static class Disk {
        private static final long SPAN = 1 << 20;
        private Path dir;
        private FileChannel channel;
        private final ByteBuffer row = ByteBuffer.wrap(Samples.payload(9, ROW_BYTES).toByteArray());
        private long position;

        /** Creates the file. */
        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("metagroup-bench-fsync");
            channel = FileChannel.open(dir.resolve("fsync.bin"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }

        /** Closes and deletes the file. */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            channel.close();
            TempDirs.delete(dir);
        }
    }

    /** One checkpoint record applied through the core; durable every {@code commitEvery} records. */
    @Benchmark
    public Outcome migrationPlugin(Plugin s) {
        long i = ++s.index;
        MetadataEntry entry = Samples.checkpoint(i % MIGRATIONS, i / MIGRATIONS + 1);
        LogRecord record = LogRecord.of(new Hlc(1_700_000_000_000_000_000L + i, 0),
                new Proposal(new IdempotencyKey(0xBE7C4, i), entry));
        List<Outcome> outcomes = s.core.core().applyRecord(i, record);
        Outcome outcome = outcomes.get(0);
        if (!outcome.isApplied()) {
            throw new IllegalStateException("checkpoint " + i + " not applied: " + outcome);
        }
        return outcome;
    }

    /** One put and one commit. */
    @Benchmark
    public byte[] mapdbPutCommit(MapDb s) {
        long i = s.n++;
        byte[] previous = s.rows.put(Samples.migrationId(i % MIGRATIONS), s.row);
        s.db.commit();
        return previous;
    }

    /** One small write and an fsync. */
    @Benchmark
    public long rawFsync(Disk s) throws IOException {
        s.row.clear();
        int written = s.channel.write(s.row, s.position);
        s.position = (s.position + ROW_BYTES) % Disk.SPAN;
        s.channel.force(true);
        return written;
    }
}
