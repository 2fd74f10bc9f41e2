package io.metagroup.plugin.migration.internal;

import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.spi.LocalFaultException;
import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The MapDB file that holds the migration rows and the applied index they reflect, committed together.
 *
 * <p>Layout: {@code <dir>/migration.db} (MapDB, transactions on, so a crash leaves the last commit; its
 * write-ahead log {@code migration.db.wal.N} exists only between commits) and {@code <dir>/migration.lock}, which
 * this store holds locked while open so that a second process or instance refuses to start instead of sharing the
 * file. Inside: the tree map {@code migration.rows} (migration id to {@link RowCodec} bytes) and
 * {@code migration.meta} (a marker, the store format, the plugin version that last wrote it, and the applied
 * index). A file without the marker is some other MapDB file and is refused.
 *
 * <p>Writes go to the open MapDB transaction and become durable at {@link #commit}; the caller commits once per
 * batch of records because a commit costs an fsync. Measured here (FileChannel volume, 100-byte rows): a commit per
 * put ≈ 730/s, puts with a commit per 1000 ≈ 22 k/s. The default RandomAccessFile volume was slower on puts
 * (≈ 17 k/s); memory-mapped files were faster on puts (≈ 43 k/s) but slower on commits (≈ 230/s) and turn a full
 * disk into a SIGBUS rather than an IOException, so the FileChannel volume is used.
 *
 * <p>Any failure of MapDB or the disk makes the store faulted: every later call throws {@link LocalFaultException}
 * and nothing is committed again, so the file keeps the last consistent commit and the node replays from its
 * {@link #durableIndex()} after a restart. Used from the apply thread only.
 */
final class MigrationStore implements AutoCloseable {
    static final String FILE_NAME = "migration.db";
    static final String LOCK_NAME = "migration.lock";
    private static final String TEMP_NAME = "migration.db.new";
    private static final String ROWS = "migration.rows";
    private static final String META = "migration.meta";
    private static final String MARKER_KEY = "marker";
    /** "MGMIGRST": identifies a Metagroup migration store. */
    static final long MARKER = 0x4D47_4D49_4752_5354L;
    private static final String FORMAT_KEY = "format";
    static final long FORMAT = 1;
    private static final String PLUGIN_VERSION_KEY = "pluginVersion";
    private static final String INDEX_KEY = "appliedIndex";

    private final Path dir;
    private final Path file;
    private final int pluginVersion;
    private final FileChannel lockChannel;
    private DB db;
    private BTreeMap<String, byte[]> rows;
    private BTreeMap<String, Long> meta;
    private long durableIndex;
    private String fault;

    private MigrationStore(Path dir, int pluginVersion, FileChannel lockChannel) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.pluginVersion = pluginVersion;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens the store in {@code dir}, creating an empty one (applied index 0) when it has no file yet.
     *
     * @throws LocalFaultException naming the file and what to do when it is locked by another process or instance,
     *                             is not a MapDB file, is corrupt, is another program's MapDB file, was written by
     *                             a newer plugin, or cannot be read
     */
    static MigrationStore open(Path dir, int pluginVersion) throws LocalFaultException {
        MigrationStore store = new MigrationStore(dir, pluginVersion, lock(dir));
        try {
            if (!Files.exists(store.file)) {
                // MapDB would replay a write-ahead log left beside a missing file into the new one
                store.deleteWithWal(store.file);
                store.move(store.buildTemp(new TreeMap<>(), 0), store.file);
            }
            store.attach();
            return store;
        } catch (LocalFaultException | RuntimeException e) {
            store.close();
            throw e;
        } catch (IOException e) {
            store.close();
            throw new LocalFaultException("cannot create the migration store " + store.file + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel lock(Path dir) throws LocalFaultException {
        Path lockFile = dir.resolve(LOCK_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LocalFaultException("cannot open the lock file " + lockFile + " of the migration store: " + e, e);
        }
        String holder;
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return channel;
            }
            holder = "another process";
        } catch (OverlappingFileLockException e) {
            holder = "another instance in this process";
        } catch (IOException e) {
            holder = "nobody it could tell (" + e + ")";
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the refusal below is what matters
        }
        throw new LocalFaultException("the migration store in " + dir + " is locked by " + holder + " (lock file "
                + lockFile + "): another node or tool has it open. Stop it, or give this node its own data dir");
    }

    /** Opens the MapDB file and checks it is a migration store this plugin can read. */
    private void attach() throws LocalFaultException {
        checkHeader();
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().fileChannelEnable().make();
        } catch (DBException.FileLocked e) {
            throw new LocalFaultException("the migration store " + file + " is locked by another process: " + e.getMessage()
                    + ". Stop it, or give this node its own data dir", e);
        } catch (DBException | IOError e) {
            throw refuse("is corrupt or unreadable (" + e + ")", e);
        }
        if (!db.exists(META) || !db.exists(ROWS)) {
            throw refuse("is a MapDB file but not a Metagroup migration store (it has no migration marker)", null);
        }
        try {
            meta = db.treeMap(META, Serializer.STRING, Serializer.LONG).open();
            rows = db.treeMap(ROWS, Serializer.STRING, Serializer.BYTE_ARRAY).open();
            Long marker = meta.get(MARKER_KEY);
            if (marker == null || marker != MARKER) {
                throw refuse("is a MapDB file but not a Metagroup migration store (its marker is missing or wrong)", null);
            }
            long format = meta.getOrDefault(FORMAT_KEY, -1L);
            long writer = meta.getOrDefault(PLUGIN_VERSION_KEY, -1L);
            if (format != FORMAT || writer > pluginVersion) {
                throw new LocalFaultException("the migration store " + file + " has format " + format
                        + " written by migration plugin version " + writer + "; this node runs plugin version "
                        + pluginVersion + " (format " + FORMAT + "). Run the newer version, or move the file away to "
                        + "rebuild this node's migration state from a snapshot and the log");
            }
            Long index = meta.get(INDEX_KEY);
            if (index == null || index < 0) {
                throw refuse("has no valid applied index", null);
            }
            durableIndex = index;
        } catch (RuntimeException | IOError e) {
            throw refuse("is corrupt or unreadable (" + e + ")", e);
        }
    }

    /** Refuses a file that does not start with MapDB's header, without letting MapDB touch it. */
    private void checkHeader() throws LocalFaultException {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 2) < 2 || head[0] != (byte) CC.FILE_HEADER
                    || head[1] != (byte) CC.FILE_TYPE_STOREDIRECT) {
                throw refuse("is not a MapDB file", null);
            }
        } catch (IOException e) {
            throw new LocalFaultException("cannot read the migration store " + file + ": " + e, e);
        }
    }

    private LocalFaultException refuse(String what, Throwable cause) {
        closeDbQuietly();
        return new LocalFaultException("the migration store " + file + " " + what + ". Move it away (and any "
                + FILE_NAME + ".wal.* beside it) and restart: this node then rebuilds its migration state from a "
                + "snapshot and the log", cause);
    }

    /** The applied index of the last commit. */
    long durableIndex() {
        return durableIndex;
    }

    /**
     * Every committed row, by migration id; loaded once at start.
     *
     * @throws LocalFaultException when a row fails its CRC or any other check, or is stored under another id: the
     *                             file is refused rather than a wrong row served
     */
    TreeMap<String, MigrationRow> loadAll() throws LocalFaultException {
        TreeMap<String, byte[]> stored = call("read the rows", () -> new TreeMap<>(rows));
        TreeMap<String, MigrationRow> loaded = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            MigrationRow row;
            try {
                row = RowCodec.decode(e.getValue());
            } catch (IOException bad) {
                throw refuse("holds a damaged row under key '" + e.getKey() + "': " + bad.getMessage(), bad);
            }
            if (!row.migrationId().equals(e.getKey())) {
                throw refuse("holds the row of migration " + row.migrationId() + " under key '" + e.getKey() + "'", null);
            }
            loaded.put(e.getKey(), row);
        }
        return loaded;
    }

    /** Stages {@code row} as the row of its migration in the open MapDB transaction. */
    void put(MigrationRow row) throws LocalFaultException {
        call("write migration " + row.migrationId(), () -> rows.put(row.migrationId(), RowCodec.encode(row)));
    }

    /** Stages the removal of the row of {@code id} in the open MapDB transaction. */
    void remove(String id) throws LocalFaultException {
        call("delete migration " + id, () -> rows.remove(id));
    }

    /** Records {@code index} as the applied index and commits everything staged, with an fsync. */
    void commit(long index) throws LocalFaultException {
        call("commit at index " + index, () -> {
            meta.put(INDEX_KEY, index);
            meta.put(PLUGIN_VERSION_KEY, (long) pluginVersion);
            db.commit();
            return null;
        });
        durableIndex = index;
    }

    /**
     * Replaces the whole store by {@code newRows} at {@code index}: builds a new file beside the old one, fsyncs it,
     * closes the old one, renames the new one over it and reopens. On failure before the rename the old file stays.
     */
    void replace(SortedMap<String, MigrationRow> newRows, long index) throws IOException {
        Path temp = buildTemp(newRows, index);
        closeDbQuietly();
        try {
            move(temp, file);
            fault = null;
            attach();
        } catch (LocalFaultException e) {
            fault = e.getMessage();
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Builds and fsyncs a store file holding {@code content} at {@code index} under the temporary name. */
    private Path buildTemp(SortedMap<String, MigrationRow> content, long index) throws IOException {
        Path temp = dir.resolve(TEMP_NAME);
        deleteWithWal(temp);
        try {
            DB fresh = DBMaker.fileDB(temp.toFile()).transactionEnable().fileChannelEnable().make();
            try {
                BTreeMap<String, Long> m = fresh.treeMap(META, Serializer.STRING, Serializer.LONG).create();
                m.put(MARKER_KEY, MARKER);
                m.put(FORMAT_KEY, FORMAT);
                m.put(PLUGIN_VERSION_KEY, (long) pluginVersion);
                m.put(INDEX_KEY, index);
                BTreeMap<String, byte[]> r = fresh.treeMap(ROWS, Serializer.STRING, Serializer.BYTE_ARRAY).create();
                content.forEach((id, row) -> r.put(id, RowCodec.encode(row)));
                fresh.commit();
            } finally {
                fresh.close();
            }
        } catch (DBException | IOError e) {
            deleteWithWal(temp);
            throw new IOException("cannot build a new migration store " + temp + ": " + e, e);
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return temp;
    }

    private void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void deleteWithWal(Path path) throws IOException {
        Files.deleteIfExists(path);
        try (DirectoryStream<Path> wal = Files.newDirectoryStream(dir, path.getFileName() + ".wal.*")) {
            for (Path p : wal) {
                Files.deleteIfExists(p);
            }
        }
    }

    private <T> T call(String what, StoreAction<T> action) throws LocalFaultException {
        if (fault != null) {
            throw new LocalFaultException("the migration store " + file + " failed earlier (" + fault
                    + "); the node replays from index " + durableIndex + " after a restart");
        }
        try {
            return action.run();
        } catch (RuntimeException | IOError e) {
            // MapDB signals I/O as DBException, but a damaged file can surface as any runtime exception
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            fault = "cannot " + what + ": " + cause;
            throw new LocalFaultException("the migration store " + file + " " + fault + ". Apply stops here; the node "
                    + "replays from index " + durableIndex + " after a restart (free disk space first if it is full)", e);
        }
    }

    /** True once a store operation failed; nothing is committed after that. */
    boolean faulted() {
        return fault != null;
    }

    private void closeDbQuietly() {
        if (db != null) {
            try {
                if (!db.isClosed()) {
                    db.rollback();
                    db.close();
                }
            } catch (RuntimeException | IOError ignored) {
                // closing a failed store: its last commit is what counts
            }
            db = null;
        }
    }

    /**
     * Closes the file without committing what is staged (the caller commits first when it should) and releases
     * the lock.
     */
    @Override
    public void close() {
        closeDbQuietly();
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }

    /** A MapDB call that may fail with a {@link DBException}. */
    @FunctionalInterface
    private interface StoreAction<T> {
        T run();
    }
}
