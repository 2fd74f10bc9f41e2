package io.metagroup.plugin.migration.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.migration.MigrationRecovery;
import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.plugin.migration.MigrationStateTable;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Applies migration entries to the {@link MigrationStateTable}, kept in a {@link MigrationStore}; every other entry
 * is Applied without effect.
 *
 * <ul>
 *   <li>MigrationCheckpoint: Rejected when its crc32c is not the CRC32C of its payload's wire encoding (the same
 *       check refuses it before the log in {@link #validate}). Applied without effect when the migration's row
 *       already holds the same (phase, attempt): duplicate delivery is a no-op. Otherwise the row is upserted.</li>
 *   <li>MigrationAbort: the migration's row is deleted (Applied without effect when there is none, so a repeated
 *       abort is harmless). Its compensations are the routing plugin's to apply, to the routing table.</li>
 * </ul>
 *
 * <p>Durability: a transaction only stages its changes in memory (an aborted one leaves nothing anywhere).
 * {@link #finishRecord} commits the table, with the applied index, to the {@link MigrationStore} once every
 * {@code commitEvery} records, and {@link #writeSnapshot} and {@link #close} commit what is pending;
 * {@link #durableIndex()} is the index of the last commit. After a crash the store holds the state at its durable
 * index, which {@link #appliedIndex()} starts from, and the node replays the log above it. Once a commit failed (a
 * LocalFault), the table serves no reads and no digest until the node restarts.
 */
final class MigrationApplier implements MetadataApplier, MigrationStateTable {
    private final EntryCodec codec = new EntryCodec();
    private final MigrationStore store;
    private final int commitEvery;
    private final long recoveryTimeoutMs;
    /** The committed rows; written by the apply thread only. */
    private final TreeMap<String, MigrationRow> rows;
    /** An immutable copy of {@link #rows} for readers on any thread. */
    private volatile SortedMap<String, MigrationRow> view;
    private volatile long appliedIndex;
    private volatile long durableIndex;
    private int recordsSinceCommit;

    private MigrationApplier(MigrationStore store, TreeMap<String, MigrationRow> rows, int commitEvery,
                             long recoveryTimeoutMs) {
        this.store = store;
        this.rows = rows;
        this.commitEvery = commitEvery;
        this.recoveryTimeoutMs = recoveryTimeoutMs;
        this.appliedIndex = store.durableIndex();
        this.durableIndex = store.durableIndex();
        publish();
    }

    /**
     * Opens (or creates) the store in {@code dir} and loads every row.
     *
     * @throws LocalFaultException naming the file and what to do, when the store cannot be used
     */
    static MigrationApplier open(Path dir, int commitEvery, long recoveryTimeoutMs) throws LocalFaultException {
        MigrationStore store = MigrationStore.open(dir, MigrationPlugin.VERSION);
        try {
            return new MigrationApplier(store, store.load(), commitEvery, recoveryTimeoutMs);
        } catch (LocalFaultException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return MigrationPlugin.ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        return entry instanceof MigrationCheckpoint checkpoint ? crcProblem(checkpoint) : Optional.empty();
    }

    /** Why the checkpoint's crc32c is wrong, or empty when it is the CRC32C of its payload. */
    private Optional<String> crcProblem(MigrationCheckpoint c) {
        long actual;
        try {
            actual = codec.payloadCrc32c(c.payload());
        } catch (CodecException e) {
            return Optional.of(describe(c) + ": its payload cannot be encoded: " + e.getMessage());
        }
        if (actual == c.crc32c()) {
            return Optional.empty();
        }
        return Optional.of(String.format("%s: crc32c 0x%08x does not match the CRC32C 0x%08x of its payload",
                describe(c), c.crc32c(), actual));
    }

    private static String describe(MigrationCheckpoint c) {
        return "migration checkpoint " + c.migrationId() + " (phase " + c.phase() + ", attempt " + c.attempt() + ")";
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public long durableIndex() {
        return durableIndex;
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new Staged();
    }

    @Override
    public void finishRecord(long index) throws LocalFaultException {
        if (index <= appliedIndex) {
            throw new IllegalStateException("record " + index + " is at or below the applied index " + appliedIndex);
        }
        if (recordsSinceCommit + 1 >= commitEvery) {
            commit(index);
        } else {
            Optional<String> fault = store.fault();
            if (fault.isPresent()) {
                throw new LocalFaultException(fault.get()); // a faulted store never advances
            }
            recordsSinceCommit++;
        }
        appliedIndex = index;
    }

    private void commit(long index) throws LocalFaultException {
        store.commit(rows, index);
        durableIndex = index;
        recordsSinceCommit = 0;
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        Optional<String> fault = store.fault();
        if (fault.isPresent()) {
            throw new IOException(fault.get()); // the rows in memory may be past the last good index
        }
        if (recordsSinceCommit > 0) {
            try {
                commit(appliedIndex);
            } catch (LocalFaultException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        RowCodec.writeSection(view.values(), out);
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        TreeMap<String, MigrationRow> restored = RowCodec.readSection(in);
        store.replace(restored, index);
        rows.clear();
        rows.putAll(restored);
        publish();
        recordsSinceCommit = 0;
        durableIndex = index;
        appliedIndex = index;
    }

    @Override
    public Sha256 digest() {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        try {
            RowCodec.writeSection(readable().values(), section);
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(section.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public Optional<MigrationRow> get(String migrationId) {
        return Optional.ofNullable(readable().get(migrationId));
    }

    @Override
    public List<MigrationRow> rows() {
        return List.copyOf(readable().values());
    }

    @Override
    public List<MigrationAbort> recoveryScan(long nowMs) {
        return MigrationRecovery.staleAborts(readable().values(), nowMs, recoveryTimeoutMs);
    }

    /**
     * The committed rows, unless the store failed: then the rows in memory may hold a record that never reached
     * the file and whose index was not marked applied, so nothing is served until a restart replays the log.
     */
    private SortedMap<String, MigrationRow> readable() {
        Optional<String> fault = store.fault();
        if (fault.isPresent()) {
            throw new IllegalStateException("the migration table is unavailable: " + fault.get());
        }
        return view;
    }

    /** Commits what is pending (unless the store failed) and closes the file. */
    @Override
    public void close() throws LocalFaultException {
        try {
            if (recordsSinceCommit > 0 && !store.faulted()) {
                commit(appliedIndex);
            }
        } finally {
            store.close();
        }
    }

    private void publish() {
        view = Collections.unmodifiableSortedMap(new TreeMap<>(rows));
    }

    /** One proposal's changes: per migration id, its new row or empty for a deletion. */
    private final class Staged implements Transaction {
        private final TreeMap<String, Optional<MigrationRow>> changes = new TreeMap<>();

        @Override
        public Outcome apply(MetadataEntry entry) {
            if (entry instanceof MigrationCheckpoint checkpoint) {
                return checkpoint(checkpoint);
            }
            if (entry instanceof MigrationAbort abort) {
                if (current(abort.migrationId()).isPresent()) {
                    changes.put(abort.migrationId(), Optional.empty());
                }
            }
            return Outcome.applied();
        }

        private Outcome checkpoint(MigrationCheckpoint c) {
            Optional<String> problem = crcProblem(c);
            if (problem.isPresent()) {
                return Outcome.rejected(problem.get());
            }
            Optional<MigrationRow> current = current(c.migrationId());
            if (current.isPresent() && current.get().sameStep(c)) {
                return Outcome.applied();
            }
            changes.put(c.migrationId(), Optional.of(current.map(row -> row.next(c)).orElseGet(() -> MigrationRow.first(c))));
            return Outcome.applied();
        }

        /** The row of {@code id} as this transaction sees it. */
        private Optional<MigrationRow> current(String id) {
            Optional<MigrationRow> staged = changes.get(id);
            return staged != null ? staged : Optional.ofNullable(rows.get(id));
        }

        @Override
        public void commit() {
            if (changes.isEmpty()) {
                return;
            }
            changes.forEach((id, row) -> {
                if (row.isPresent()) {
                    rows.put(id, row.get());
                } else {
                    rows.remove(id);
                }
            });
            publish();
        }

        @Override
        public void abort() {
            changes.clear();
        }
    }
}
