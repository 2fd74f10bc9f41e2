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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The MapDB files that hold the migration rows and the applied index they reflect, committed together.
 *
 * <p>Each commit writes the whole table, with its applied index, as a new MapDB file
 * {@code migration-<generation>.db} under a temporary name, fsyncs it, renames it into place (the commit point),
 * fsyncs the directory and deletes the previous generation. On open the highest generation is the table; a
 * temporary file left by a crash is deleted. A crash at any moment therefore leaves either
 * the previous commit or the new one, whole; older generations are deleted once the highest has been read.
 *
 * <p>Why not MapDB's own transactions, committed in place: MapDB 3.1.0's write-ahead log is never replayed when
 * a file is opened (StoreWAL has no recovery path), so a process killed while a commit copies its log into the file
 * leaves a torn file (seen as BufferUnderflowException reading a B-tree node after {@code kill -9}, within ten
 * kills). Rewriting the table (one row of about 150 bytes per migration not yet aborted; the recovery scan aborts
 * stale ones, completed included) costs one file write and two fsyncs, measured here at 15-150 ms per commit for up
 * to 1000 rows on a busy two-core machine, which the caller pays once per {@code commitEvery} records rather than
 * per entry.
 *
 * <p>Inside a file: the tree map {@code migration.rows} (migration id to {@link RowCodec} bytes) and
 * {@code migration.meta} (a marker, the store format, the plugin version that wrote it, and the applied index),
 * in a MapDB store with per-record checksums. A file without the marker is some other MapDB file and is refused.
 * {@code migration.lock} is held locked while the store is open, so a second process or instance refuses to start
 * instead of sharing the files.
 *
 * <p>A failed commit makes the store faulted: every later call throws {@link LocalFaultException}, so nothing past
 * the failure is ever committed, and the node replays from {@link #durableIndex()} after a restart. Used from the
 * apply thread only, except {@link #fault()}.
 */
final class MigrationStore implements AutoCloseable {
    static final String LOCK_NAME = "migration.lock";
    static final String ROWS = "migration.rows";
    private static final Pattern GENERATION = Pattern.compile("migration-(\\d{20})\\.db");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String META = "migration.meta";
    private static final String MARKER_KEY = "marker";
    /** "MGMIGRST": identifies a Metagroup migration store. */
    static final long MARKER = 0x4D47_4D49_4752_5354L;
    private static final String FORMAT_KEY = "format";
    static final long FORMAT = 1;
    private static final String PLUGIN_VERSION_KEY = "pluginVersion";
    private static final String INDEX_KEY = "appliedIndex";

    private final Path dir;
    private final int pluginVersion;
    private final FileChannel lockChannel;
    private long generation;
    private long durableIndex;
    private volatile String fault;

    private MigrationStore(Path dir, int pluginVersion, FileChannel lockChannel) {
        this.dir = dir;
        this.pluginVersion = pluginVersion;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens the store in {@code dir}, creating an empty one (applied index 0) when it has no file yet; then
     * {@link #load()} reads it.
     *
     * @throws LocalFaultException naming the dir when it is locked by another process or instance, or cannot be
     *                             written
     */
    static MigrationStore open(Path dir, int pluginVersion) throws LocalFaultException {
        MigrationStore store = new MigrationStore(dir, pluginVersion, lock(dir));
        try {
            List<Long> generations = store.cleanUp();
            if (generations.isEmpty()) {
                store.write(new TreeMap<>(), 0, 1);
                generations = List.of(1L);
            }
            store.generation = generations.get(generations.size() - 1);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        } catch (IOException e) {
            store.close();
            throw new LocalFaultException("cannot prepare the migration store in " + dir + ": " + e, e);
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
            holder = "an unknown holder (" + e + ")";
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the refusal below is what matters
        }
        throw new LocalFaultException("the migration store in " + dir + " is locked by " + holder + " (lock file "
                + lockFile + "): another node or tool has it open. Stop it, or give this node its own data dir");
    }

    /** Deletes the temporary files a crash may have left; returns the generations present, ascending. */
    private List<Long> cleanUp() throws IOException {
        TreeMap<Long, Path> generations = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "migration-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = GENERATION.matcher(name);
                if (m.matches()) {
                    generations.put(Long.parseLong(m.group(1)), file);
                } else if (name.endsWith(TEMP_SUFFIX)) {
                    Files.delete(file);
                }
            }
        }
        return new ArrayList<>(generations.keySet());
    }

    /** The current file. */
    Path file() {
        return file(generation);
    }

    private Path file(long gen) {
        return dir.resolve(String.format("migration-%020d.db", gen));
    }

    /**
     * Reads the current file: checks it is a migration store this plugin can read, and returns every row;
     * {@link #durableIndex()} is then the applied index they reflect.
     *
     * @throws LocalFaultException naming the file and what to do when it is not a MapDB file, is corrupt, is another
     *                             program's MapDB file, holds a damaged row, was written by a newer plugin, or cannot
     *                             be read
     */
    TreeMap<String, MigrationRow> load() throws LocalFaultException {
        Path file = file();
        checkHeader(file);
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).fileChannelEnable().checksumStoreEnable().readOnly().make();
        } catch (DBException.WrongConfiguration e) {
            throw refuse(file, "is a MapDB file but not a Metagroup migration store (" + e.getMessage() + ")", e);
        } catch (DBException | IOError e) {
            throw refuse(file, "is corrupt or unreadable (" + e + ")", e);
        }
        try {
            if (!db.exists(META) || !db.exists(ROWS)) {
                throw refuse(file, "is a MapDB file but not a Metagroup migration store (it has no migration marker)",
                        null);
            }
            BTreeMap<String, Long> meta = db.treeMap(META, Serializer.STRING, Serializer.LONG).open();
            Long marker = meta.get(MARKER_KEY);
            if (marker == null || marker != MARKER) {
                throw refuse(file, "is a MapDB file but not a Metagroup migration store (its marker is missing or "
                        + "wrong)", null);
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
                throw refuse(file, "has no valid applied index", null);
            }
            TreeMap<String, MigrationRow> rows = decodeAll(file,
                    new TreeMap<>(db.treeMap(ROWS, Serializer.STRING, Serializer.BYTE_ARRAY).open()));
            durableIndex = index;
            deleteOlderGenerations();
            return rows;
        } catch (DBException | IOError | ClassCastException e) {
            // a damaged file can surface as any of these while its B-tree is read
            throw refuse(file, "is corrupt or unreadable (" + e + ")", e);
        } finally {
            try {
                db.close();
            } catch (RuntimeException | IOError ignored) {
                // read-only: nothing to lose
            }
        }
    }

    /**
     * Deletes the generations below the current one, which a crash between a rename and a delete leaves; only once
     * the current one has been read whole, so a refused file leaves the operator everything.
     */
    private void deleteOlderGenerations() throws LocalFaultException {
        try {
            for (long gen : cleanUp()) {
                if (gen < generation) {
                    Files.delete(file(gen));
                }
            }
        } catch (IOException e) {
            throw new LocalFaultException("cannot delete an old file of the migration store in " + dir + ": " + e, e);
        }
    }

    private static TreeMap<String, MigrationRow> decodeAll(Path file, TreeMap<String, byte[]> stored)
            throws LocalFaultException {
        TreeMap<String, MigrationRow> rows = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            MigrationRow row;
            try {
                row = RowCodec.decode(e.getValue());
            } catch (IOException bad) {
                throw refuse(file, "holds a damaged row under key '" + e.getKey() + "': " + bad.getMessage(), bad);
            }
            if (!row.migrationId().equals(e.getKey())) {
                throw refuse(file, "holds the row of migration " + row.migrationId() + " under key '" + e.getKey()
                        + "'", null);
            }
            rows.put(e.getKey(), row);
        }
        return rows;
    }

    /** Refuses a file that does not start with MapDB's header, without letting MapDB touch it. */
    private static void checkHeader(Path file) throws LocalFaultException {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 2) < 2 || head[0] != (byte) CC.FILE_HEADER
                    || head[1] != (byte) CC.FILE_TYPE_STOREDIRECT) {
                throw refuse(file, "is not a MapDB file", null);
            }
        } catch (IOException e) {
            throw new LocalFaultException("cannot read the migration store " + file + ": " + e, e);
        }
    }

    private static LocalFaultException refuse(Path file, String what, Throwable cause) {
        return new LocalFaultException("the migration store " + file + " " + what + ". Move it away and restart: "
                + "this node then rebuilds its migration state from a snapshot and the log", cause);
    }

    /** The applied index of the last commit. */
    long durableIndex() {
        return durableIndex;
    }

    /**
     * Commits {@code rows} as the whole table at applied index {@code index}: a new generation replaces the
     * current one (see the class comment).
     *
     * @throws LocalFaultException when the disk or MapDB fails; the store is then faulted and keeps its last commit
     */
    void commit(SortedMap<String, MigrationRow> rows, long index) throws LocalFaultException {
        if (fault != null) {
            throw new LocalFaultException(fault().orElseThrow());
        }
        try {
            write(rows, index, generation + 1);
        } catch (IOException | RuntimeException | IOError e) {
            fault = "cannot commit index " + index + " to " + file(generation + 1) + ": "
                    + (e.getCause() != null ? e.getCause() : e);
            throw new LocalFaultException(fault().orElseThrow() + " (free disk space first if it is full)", e);
        }
        Path previous = file();
        generation++;
        durableIndex = index;
        try {
            Files.deleteIfExists(previous);
        } catch (IOException ignored) {
            // the next open deletes every generation but the highest
        }
    }

    /** Writes generation {@code gen}: a new MapDB file under a temporary name, fsynced, then renamed into place. */
    private void write(SortedMap<String, MigrationRow> rows, long index, long gen) throws IOException {
        Path target = file(gen);
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        try {
            DB db = DBMaker.fileDB(temp.toFile()).fileChannelEnable().checksumStoreEnable().make();
            try {
                BTreeMap<String, Long> meta = db.treeMap(META, Serializer.STRING, Serializer.LONG).create();
                meta.put(MARKER_KEY, MARKER);
                meta.put(FORMAT_KEY, FORMAT);
                meta.put(PLUGIN_VERSION_KEY, (long) pluginVersion);
                meta.put(INDEX_KEY, index);
                BTreeMap<String, byte[]> stored = db.treeMap(ROWS, Serializer.STRING, Serializer.BYTE_ARRAY).create();
                rows.forEach((id, row) -> stored.put(id, RowCodec.encode(row)));
            } finally {
                db.close();
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException | RuntimeException | IOError e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temporary file is deleted at the next open
            }
            throw e;
        }
    }

    /**
     * Replaces the whole table by {@code rows} at {@code index}, as a snapshot restore does: a commit that may
     * also lower the index, and that clears an earlier failure when it succeeds.
     */
    void replace(SortedMap<String, MigrationRow> rows, long index) throws IOException {
        fault = null;
        try {
            commit(rows, index);
        } catch (LocalFaultException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** True once a commit failed; nothing is committed after that. */
    boolean faulted() {
        return fault != null;
    }

    /** What failed, once a commit failed. */
    Optional<String> fault() {
        String f = fault;
        return f == null ? Optional.empty() : Optional.of("the migration store in " + dir + " failed (" + f
                + "); the node replays from index " + durableIndex + " after a restart");
    }

    /** Releases the lock. Commits nothing: the caller commits first when it should. */
    @Override
    public void close() {
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
