package io.metagroup.raft.internal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files in Ratis's state machine directory, named {@code snapshot.<term>_<index>} so that Ratis can send
 * them to a follower with its file-based InstallSnapshot. Writes are atomic (temp file, fsync, rename, fsync of
 * the directory); at start orphaned temp files and partial installs are removed; a file that fails verification is
 * moved to the quarantine directory with an error naming what is wrong.
 */
public final class SnapshotStore implements StateMachineStorage {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final String TMP_SUFFIX = ".writing";

    private final Path quarantineDir;
    private final int retained;
    private volatile Path dir;
    private volatile Path raftTmpDir;
    private volatile SingleFileSnapshotInfo latest;

    /** A store that keeps {@code retained} snapshots and moves corrupt ones to {@code quarantineDir}. */
    public SnapshotStore(Path quarantineDir, int retained) {
        this.quarantineDir = quarantineDir;
        this.retained = retained;
    }

    @Override
    public void init(RaftStorage storage) throws IOException {
        dir = storage.getStorageDir().getStateMachineDir().toPath();
        raftTmpDir = storage.getStorageDir().getTmpDir().toPath();
        Files.createDirectories(dir);
        cleanOrphans();
    }

    /** Deletes temp files of interrupted writes and partial snapshot installs. */
    void cleanOrphans() throws IOException {
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(TMP_SUFFIX)) {
                LOG.warn("removing orphaned partial snapshot {}", p);
                Files.deleteIfExists(p);
            }
        }
        if (raftTmpDir != null && Files.isDirectory(raftTmpDir)) {
            for (Path p : list(raftTmpDir)) {
                if (p.getFileName().toString().startsWith("snapshot-")) {
                    LOG.warn("removing partial snapshot install {}", p);
                    deleteTree(p);
                }
            }
        }
    }

    /**
     * Finds the newest snapshot that verifies, quarantining every newer one that does not. Empty when there is no
     * valid snapshot.
     */
    public Optional<SnapshotFile> loadLatest() throws IOException {
        latest = null;
        List<Path> candidates = snapshotFiles();
        for (Path p : candidates) {
            try {
                SnapshotFile file = SnapshotFile.read(p);
                TermIndex named = termIndex(p);
                if (named.getIndex() != file.index() || named.getTerm() != file.term()) {
                    throw new SnapshotFile.CorruptSnapshotException(p, "file name says " + named
                            + " but the header says term " + file.term() + " index " + file.index());
                }
                latest = info(p, file.term(), file.index());
                return Optional.of(file);
            } catch (IOException e) {
                quarantine(p, e);
            }
        }
        return Optional.empty();
    }

    private void quarantine(Path p, IOException why) throws IOException {
        Files.createDirectories(quarantineDir);
        Path target = quarantineDir.resolve(p.getFileName() + "." + System.nanoTime() + ".corrupt");
        LOG.error("QUARANTINED snapshot {} -> {}: {}. Falling back to an older snapshot or to log replay.",
                p, target, why.getMessage());
        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(p.resolveSibling(p.getFileName() + ".md5"));
    }

    /** Writes a snapshot atomically and makes it the latest. */
    public void write(SnapshotFile file) throws IOException {
        String name = "snapshot." + file.term() + "_" + file.index();
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + TMP_SUFFIX);
        Files.deleteIfExists(tmp);
        file.writeTo(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(dir);
        latest = info(target, file.term(), file.index());
    }

    private static void fsyncDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for fsync; the rename is still atomic there
            LOG.debug("directory fsync not supported on {}: {}", d, e.toString());
        }
    }

    private static SingleFileSnapshotInfo info(Path p, long term, long index) {
        return new SingleFileSnapshotInfo(new FileInfo(p, null), term, index);
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return latest;
    }

    /** The index of the latest snapshot, or -1. */
    public long latestIndex() {
        SingleFileSnapshotInfo s = latest;
        return s == null ? -1 : s.getIndex();
    }

    @Override
    public void format() {
        // nothing to format: the directory is created by init
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        List<Path> files = snapshotFiles();
        for (int i = retained; i < files.size(); i++) {
            Path p = files.get(i);
            LOG.debug("deleting old snapshot {}", p);
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + ".md5"));
        }
    }

    @Override
    public File getSnapshotDir() {
        return null; // Ratis's state machine dir, the default
    }

    /** Snapshot files, newest (highest index) first. */
    List<Path> snapshotFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : list(dir)) {
            if (NAME.matcher(p.getFileName().toString()).matches()) {
                files.add(p);
            }
        }
        files.sort(Comparator.comparingLong((Path p) -> termIndex(p).getIndex())
                .thenComparingLong(p -> termIndex(p).getTerm()).reversed());
        return files;
    }

    private static TermIndex termIndex(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot file name: " + p);
        }
        return TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    private static List<Path> list(Path d) throws IOException {
        List<Path> out = new ArrayList<>();
        if (d == null || !Files.isDirectory(d)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            s.forEach(out::add);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            for (Path c : list(p)) {
                deleteTree(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
