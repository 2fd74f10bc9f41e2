package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.CatalogDdlAudited;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditProblem;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.AuditTrail;
import io.metagroup.plugin.audit.DescriptorVersionChange;
import io.metagroup.plugin.audit.DescriptorVersionReader;
import io.metagroup.plugin.audit.internal.SegmentFormat.Header;
import io.metagroup.plugin.audit.internal.SegmentFormat.Stored;
import io.metagroup.plugin.audit.internal.SegmentReader.SegmentDamage;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
import java.util.TreeMap;

/**
 * Applies {@link CatalogDdlAudited} entries by appending one {@link AuditRecord} each to the audit log in the
 * plugin's data dir; every other entry is Applied without effect, and no entry is ever Rejected.
 *
 * <p>A transaction stages the records of its proposal; commit hands them to the record being applied, abort drops
 * them. {@link #finishRecord} writes the records of the log index as one frame at the end of the active segment and
 * fsyncs it before it returns, so the records of an applied index are on disk before its apply completes. Each
 * record's seq continues the chain and its chain hash covers the one before. The chain position (record count,
 * chain head, last audited index) is the replicated state: it is the snapshot section and the digest's input.
 *
 * <p>Restart: the node's applied index is the index of the last frame (or the index its segment started at), so the
 * log replays only above it and no record is written twice. A torn last frame (a crash before its fsync; that index
 * was not applied) is cut off at open. A snapshot restore that finds this node's log already past the snapshot
 * keeps those records and, as the log replays over them, checks that it produces the very same records instead of
 * writing them again; a restore of a chain this node's log does not reach starts a new segment anchored at the
 * snapshot's chain position.
 */
final class AuditApplier implements MetadataApplier, AuditTrail {
    private static final System.Logger LOG = System.getLogger(AuditApplier.class.getName());
    static final String LOCK_NAME = "audit.lock";
    private static final int SECTION_MAGIC = 0x4D47_4153; // "MGAS"
    private static final int SECTION_FORMAT = 1;

    private final Path dir;
    private final long segmentBytes;
    private final Optional<DescriptorVersionReader> versionReader;
    private final FileChannel lock;
    private FileChannel active;
    private long activeNumber;
    private volatile ChainState state;
    private volatile long appliedIndex;
    /** Records of the index being applied, from the proposals committed so far. */
    private final List<Draft> pending = new ArrayList<>();
    /** Records this node wrote past a snapshot it restored, by log index: replay must reproduce them. */
    private final TreeMap<Long, List<Stored>> ahead = new TreeMap<>();
    private volatile String fault;

    /** The replicated state: where the chain is. */
    private record ChainState(long count, Sha256 head, long lastAuditedIndex) {}

    private AuditApplier(Path dir, long segmentBytes, Optional<DescriptorVersionReader> versionReader, FileChannel lock) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.versionReader = versionReader;
        this.lock = lock;
    }

    /**
     * Opens the audit log in {@code dir}, creating its first segment when there is none.
     *
     * @throws LocalFaultException naming the file and what to do when the log is locked, damaged or unreadable
     */
    static AuditApplier open(Path dir, long segmentBytes, Optional<DescriptorVersionReader> versionReader)
            throws LocalFaultException {
        AuditApplier applier = new AuditApplier(dir, segmentBytes, versionReader, lock(dir));
        try {
            applier.load();
            return applier;
        } catch (LocalFaultException | RuntimeException e) {
            applier.closeQuietly();
            throw e;
        } catch (IOException e) {
            applier.closeQuietly();
            throw new LocalFaultException("cannot open the audit log in " + dir + ": " + e, e);
        }
    }

    private static FileChannel lock(Path dir) throws LocalFaultException {
        Path lockFile = dir.resolve(LOCK_NAME);
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                channel.close();
                throw new LocalFaultException("the audit log in " + dir + " is in use by another node or process ("
                        + lockFile + " is locked). Stop it, or give this node its own data dir");
            }
            return channel;
        } catch (IOException e) {
            throw new LocalFaultException("cannot lock the audit log in " + dir + " (" + lockFile + "): " + e, e);
        }
    }

    /** Reads the chain position from the last segment, cutting off a torn last frame, and opens it for appends. */
    private void load() throws IOException, LocalFaultException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "audit-*.log.tmp")) {
            for (Path temp : temps) {
                Files.delete(temp); // a segment whose creation a crash interrupted: it held no record
            }
        }
        TreeMap<Long, Path> segments = ChainWalk.segments(dir);
        if (segments.isEmpty()) {
            startSegment(new Header(1, false, 1, 0, 0, SegmentFormat.GENESIS));
            segments = ChainWalk.segments(dir);
        }
        ChainWalk.Result walk = ChainWalk.walk(dir, segments.lastKey(), null);
        if (walk.problem().isPresent()) {
            AuditProblem p = walk.problem().get();
            if (p.kind() != AuditProblem.Kind.TRUNCATED || p.offset() < SegmentFormat.HEADER_BYTES) {
                throw new LocalFaultException("the audit log in " + dir + " is damaged: " + p.message() + ". Run "
                        + "`metagroup audit verify " + dir + "` to see it; move the directory away to start a new "
                        + "chain from a snapshot");
            }
            cutTornTail(p.segment(), walk.validEnd(), p.message());
            walk = ChainWalk.walk(dir, segments.lastKey(), null);
        }
        state = new ChainState(walk.count(), walk.head(), walk.lastAuditedIndex());
        appliedIndex = Math.max(walk.lastAuditedIndex(), walk.startIndex());
        activeNumber = segments.lastKey();
        active = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.WRITE);
    }

    private void cutTornTail(Path segment, long validEnd, String what) throws IOException {
        LOG.log(System.Logger.Level.WARNING, "cutting off the torn last frame of {0} ({1}); the log replays it",
                segment, what);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(validEnd);
            channel.force(true);
        }
    }

    /** Creates segment {@code h.segment()} holding only its header (temp file, fsync, rename), and makes it active. */
    private void startSegment(Header h) throws IOException {
        Path target = dir.resolve(SegmentFormat.name(h.segment()));
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(SegmentFormat.encodeHeader(h)));
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
        if (active != null) {
            active.close();
        }
        active = FileChannel.open(target, StandardOpenOption.WRITE);
        activeNumber = h.segment();
    }

    @Override
    public String id() {
        return AuditPlugin.ID;
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    /** Every applied index's records were fsynced before it counted as applied. */
    @Override
    public long durableIndex() {
        return appliedIndex;
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new Staged(context);
    }

    @Override
    public void finishRecord(long index) throws LocalFaultException {
        if (index <= appliedIndex) {
            throw new IllegalStateException("record " + index + " is at or below the applied index " + appliedIndex);
        }
        if (fault != null) {
            throw new LocalFaultException(fault);
        }
        try {
            List<Stored> group = chain(state, index);
            if (!ahead.isEmpty()) {
                replayOver(index, group);
            } else if (!group.isEmpty()) {
                append(index, group);
            }
            if (!group.isEmpty()) {
                state = new ChainState(state.count() + group.size(), group.get(group.size() - 1).chainHash(), index);
            }
        } finally {
            pending.clear();
        }
        appliedIndex = index;
    }

    /** The stored form of the pending records of {@code index}, chained after {@code from}. */
    private List<Stored> chain(ChainState from, long index) {
        List<Stored> group = new ArrayList<>();
        Sha256 head = from.head();
        for (int i = 0; i < pending.size(); i++) {
            byte[] bytes = SegmentFormat.encodeRecord(pending.get(i).record(from.count() + 1 + i, index, i));
            head = SegmentFormat.chain(head, bytes);
            group.add(new Stored(bytes, head));
        }
        return group;
    }

    private void append(long index, List<Stored> group) throws LocalFaultException {
        byte[] frame = SegmentFormat.encodeFrame(index, group);
        try {
            if (active.size() >= segmentBytes) {
                startSegment(new Header(activeNumber + 1, false, state.count() + 1, state.lastAuditedIndex(),
                        appliedIndex, state.head()));
            }
            long at = active.size();
            ByteBuffer buf = ByteBuffer.wrap(frame);
            while (buf.hasRemaining()) {
                at += active.write(buf, at);
            }
            active.force(false);
        } catch (IOException e) {
            fault = "the audit log in " + dir + " cannot write the records of log index " + index + " to "
                    + SegmentFormat.name(activeNumber) + ": " + e + ". Apply stops here; the node replays from index "
                    + appliedIndex + " after a restart (free disk space first if it is full)";
            throw new LocalFaultException(fault, e);
        }
    }

    /** After a restore into a log that is already past it: the log must reproduce what this node wrote before. */
    private void replayOver(long index, List<Stored> group) throws LocalFaultException {
        if (ahead.firstKey() < index) {
            throw diverged(ahead.firstKey(), "this node wrote records for it, but the log has none there");
        }
        List<Stored> stored = ahead.getOrDefault(index, List.of());
        boolean same = stored.size() == group.size();
        for (int i = 0; same && i < stored.size(); i++) {
            same = stored.get(i).sameAs(group.get(i));
        }
        if (!same) {
            throw diverged(index, "the log gives " + group.size() + " records, this node wrote " + stored.size()
                    + (stored.size() == group.size() ? " different ones" : ""));
        }
        ahead.remove(index);
    }

    private LocalFaultException diverged(long index, String what) {
        fault = "the audit log in " + dir + " diverges from the metadata log at index " + index + ": " + what
                + ". Run `metagroup audit verify " + dir + "`; move the directory away to start a new chain from a "
                + "snapshot";
        return new LocalFaultException(fault);
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        out.write(section(state));
        out.flush();
    }

    private static byte[] section(ChainState s) {
        return ByteBuffer.allocate(4 + 4 + 8 + Sha256.LENGTH + 8).putInt(SECTION_MAGIC).putInt(SECTION_FORMAT)
                .putLong(s.count()).put(s.head().bytes().toByteArray()).putLong(s.lastAuditedIndex()).array();
    }

    @Override
    public Sha256 digest() {
        return Sha256.of(SegmentFormat.sha256().digest(section(state)));
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        ChainState target = readSection(in);
        ChainState current = state;
        ahead.clear();
        if (target.count() < current.count()) {
            rewindTo(target, index);
        } else if (target.count() > current.count()) {
            startSegment(new Header(activeNumber + 1, true, target.count() + 1, target.lastAuditedIndex(), index,
                    target.head()));
        } else if (!target.equals(current)) {
            throw new IOException("the audit snapshot has chain head " + target.head().toHex() + " at record "
                    + target.count() + " but this node's audit log has " + current.head().toHex() + " there: the log in "
                    + dir + " diverges; move it away to start a new chain from the snapshot");
        }
        state = target;
        appliedIndex = index;
        fault = null;
    }

    /** Checks this node's log holds the snapshot's chain position, and keeps the records after it for replay. */
    private void rewindTo(ChainState target, long index) throws IOException {
        TreeMap<Long, Path> segments = ChainWalk.segments(dir);
        long from = segments.firstKey();
        for (Map.Entry<Long, Path> e : segments.descendingMap().entrySet()) {
            try (SegmentReader reader = SegmentReader.open(e.getValue())) {
                if (reader.header().firstSeq() <= target.count() + 1) {
                    from = e.getKey();
                    break;
                }
            } catch (SegmentDamage d) {
                throw new IOException(d.getMessage(), d);
            }
        }
        ChainState start = headerState(segments.get(from));
        ChainState[] at = {start.count() == target.count() ? start : null};
        TreeMap<Long, List<Stored>> after = new TreeMap<>();
        ChainWalk.Result walk = ChainWalk.walk(dir, from, (recordIndex, stored, record) -> {
            if (record.seq() == target.count()) {
                at[0] = new ChainState(record.seq(), stored.chainHash(), recordIndex);
            } else if (record.seq() > target.count()) {
                after.computeIfAbsent(recordIndex, k -> new ArrayList<>()).add(stored);
            }
        });
        if (walk.problem().isPresent() || !target.equals(at[0]) || !after.isEmpty() && after.firstKey() <= index) {
            throw new IOException("the audit log in " + dir + " does not hold the snapshot's chain position (record "
                    + target.count() + ", head " + target.head().toHex() + ")"
                    + walk.problem().map(p -> ": " + p).orElse("") + "; move it away to start a new chain from the "
                    + "snapshot");
        }
        ahead.putAll(after);
    }

    private static ChainState headerState(Path segment) throws IOException {
        try (SegmentReader reader = SegmentReader.open(segment)) {
            Header h = reader.header();
            return new ChainState(h.firstSeq() - 1, h.prevHash(), h.prevAuditedIndex());
        } catch (SegmentDamage d) {
            throw new IOException(d.getMessage(), d);
        }
    }

    private static ChainState readSection(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        try {
            int magic = in.readInt();
            if (magic != SECTION_MAGIC) {
                throw new IOException(String.format("audit snapshot section starts with 0x%08X, not the magic 0x%08X "
                        + "('MGAS')", magic, SECTION_MAGIC));
            }
            int format = in.readInt();
            if (format != SECTION_FORMAT) {
                throw new IOException("audit snapshot section has format " + format + "; this plugin reads format "
                        + SECTION_FORMAT);
            }
            long count = in.readLong();
            byte[] head = new byte[Sha256.LENGTH];
            in.readFully(head);
            long lastAudited = in.readLong();
            if (count < 0 || lastAudited < 0 || count == 0 && (lastAudited != 0 || !Sha256.of(head).equals(SegmentFormat.GENESIS))) {
                throw new IOException("audit snapshot section holds an impossible chain position (record " + count
                        + ", last audited index " + lastAudited + ")");
            }
            return new ChainState(count, Sha256.of(head), lastAudited);
        } catch (EOFException e) {
            throw new IOException("audit snapshot section is truncated", e);
        }
    }

    @Override
    public long recordCount() {
        return state.count();
    }

    @Override
    public Sha256 chainHead() {
        return state.head();
    }

    @Override
    public long lastAuditedIndex() {
        return state.lastAuditedIndex();
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            if (active != null) {
                active.close();
            }
        } finally {
            lock.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // refusing to start is what matters
        }
    }

    /** A record of a committed proposal, waiting for its seq, ordinal and chain hash at the end of the record. */
    private record Draft(Hlc hlc, String userId, String userName, String statement,
                         List<DescriptorVersionChange> versions, Sha256 payloadHash) {
        AuditRecord record(long seq, long index, int ordinal) {
            // the chain hash is not part of the encoding; it is computed from it
            return new AuditRecord(seq, index, ordinal, hlc, userId, userName, statement, versions, payloadHash,
                    SegmentFormat.GENESIS);
        }
    }

    /** One proposal's records. */
    private final class Staged implements Transaction {
        private final ApplyContext context;
        private final List<Draft> drafts = new ArrayList<>();

        Staged(ApplyContext context) {
            this.context = context;
        }

        @Override
        public Outcome apply(MetadataEntry entry) {
            if (entry instanceof CatalogDdlAudited ddl) {
                drafts.add(new Draft(context.leaderHlc(), ddl.authUserId(), ddl.authUserName(), ddl.sqlText(),
                        versions(ddl), Sha256.of(SegmentFormat.sha256().digest(ddl.payload().toByteArray()))));
            }
            return Outcome.applied();
        }

        private List<DescriptorVersionChange> versions(CatalogDdlAudited ddl) {
            if (versionReader.isEmpty()) {
                return List.of();
            }
            try {
                return List.copyOf(versionReader.get().versions(ddl.payload()));
            } catch (RuntimeException e) {
                return List.of(); // documented: a reader that throws reports no versions
            }
        }

        @Override
        public void commit() {
            pending.addAll(drafts);
        }

        @Override
        public void abort() {
            drafts.clear();
        }
    }
}
