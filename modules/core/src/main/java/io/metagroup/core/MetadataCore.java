package io.metagroup.core;

import io.metagroup.model.Hlc;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The composite applier of one node: the {@link MetadataCache} then every plugin's applier in plugin order.
 * Applies log records deterministically, atomically per proposal, idempotently by index and by idempotency key.
 * Not thread-safe for apply: one apply thread (Raft's) drives it; reads of the cache and plugins are safe from
 * any thread.
 *
 * <p>Per record, each proposal is settled in order: a key already in the replicated dedup table returns its first
 * outcome and applies nothing; otherwise every applier opens a transaction, sees every entry of the proposal (a
 * Batch flattened, in order), and either all prepare and commit, or, on the first refusal, all abort and the
 * proposal is Rejected with the refusing applier's id in front of its reason. A {@link LocalFaultException} (or an
 * applier breaking its contract by throwing) halts the core: the record's proposals all come to
 * {@link Outcome.LocalFault}, the index does not advance, and nothing more is applied until the node restarts and
 * replays from its last snapshot.
 *
 * <p>All appliers always hold the same index. On restore every applier, durable stores included, is replaced by
 * its snapshot section. Restarting without a snapshot while a plugin's own store is ahead of the in-memory state
 * (its {@link MetadataApplier#durableIndex()}) resets every applier from the genesis snapshot the core wrote when
 * it first started empty, then replays the log. Replaying a record to only the appliers behind would be wrong: a
 * proposal one of the appliers ahead had refused would then apply in the others.
 */
@SuppressWarnings("try") // close() throws Exception, as the appliers it closes may
public final class MetadataCore implements AutoCloseable {
    /** The snapshot section of the dedup table; no plugin id can take this name. */
    static final String DEDUP_SECTION = "#dedup";
    static final String GENESIS_FILE = "genesis.snapshot";

    private final MetadataCache cache;
    private final List<MetadataApplier> appliers;
    private final Map<String, MetadataApplier> byId;
    private final List<PluginInfo> pluginSet;
    private final Path genesis;
    private DedupTable dedup = new DedupTable();
    private volatile long appliedIndex;
    private volatile String fault;
    private boolean split;
    private boolean closed;
    /** Apply and restore write; readers off the apply thread read whole records' worth of state under it. */
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();

    private MetadataCore(MetadataCache cache, List<MetadataApplier> appliers, List<PluginInfo> pluginSet, Path coreDir) {
        this.cache = cache;
        this.appliers = List.copyOf(appliers);
        this.pluginSet = List.copyOf(pluginSet);
        this.genesis = coreDir.resolve(GENESIS_FILE);
        Map<String, MetadataApplier> ids = new HashMap<>();
        for (MetadataApplier applier : appliers) {
            ids.put(applier.id(), applier);
        }
        this.byId = Map.copyOf(ids);
    }

    /**
     * Builds the core: orders {@code plugins} (dependency order, ties by id), creates each applier with a
     * context whose data dir is {@code dataDir/plugins/<id>} and whose settings are those of
     * {@code settings} under {@code plugin.<id>.}.
     *
     * @throws IllegalArgumentException on a duplicate id, a missing dependency or a cycle (message names them)
     */
    public static MetadataCore create(List<ApplierPlugin> plugins, Path dataDir, Map<String, String> settings)
            throws Exception {
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(dataDir, "dataDir");
        Map<String, String> nodeSettings = new TreeMap<>(Objects.requireNonNull(settings, "settings"));
        List<ApplierPlugin> ordered = PluginOrder.sort(plugins);
        MetadataCache cache = new MetadataCache();
        List<MetadataApplier> appliers = new ArrayList<>();
        appliers.add(cache);
        Map<String, MetadataApplier> built = new HashMap<>();
        built.put(MetadataCache.ID, cache);
        List<PluginInfo> pluginSet = new ArrayList<>();
        try {
            for (ApplierPlugin plugin : ordered) {
                String id = plugin.id();
                Path pluginDir = dataDir.resolve("plugins").resolve(id);
                Files.createDirectories(pluginDir);
                MetadataApplier applier;
                try {
                    applier = plugin.create(new CorePluginContext(id, pluginDir, nodeSettings, plugin.dependencies(), built));
                } catch (Exception e) {
                    throw new IllegalStateException("plugin '" + id + "' failed to build its applier: " + e.getMessage(), e);
                }
                if (applier == null) {
                    throw new IllegalStateException("plugin '" + id + "' built no applier (null)");
                }
                appliers.add(applier);
                if (!id.equals(applier.id())) {
                    throw new IllegalStateException("plugin '" + id + "' built an applier whose id is '" + applier.id() + "'");
                }
                built.put(id, applier);
                pluginSet.add(new PluginInfo(id, plugin.version()));
            }
            MetadataCore core = new MetadataCore(cache, appliers, pluginSet, dataDir.resolve("core"));
            core.start();
            return core;
        } catch (Exception | Error e) {
            closeAll(appliers, e);
            throw e;
        }
    }

    private void start() throws IOException {
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (MetadataApplier applier : appliers) {
            lowest = Math.min(lowest, applier.appliedIndex());
            highest = Math.max(highest, applier.appliedIndex());
        }
        appliedIndex = lowest;
        split = lowest != highest;
        if (highest == 0) {
            writeGenesis();
        }
    }

    // The state every applier starts from, kept so that appliers with stores can be reset when there is no
    // snapshot to restore (see the class comment).
    private void writeGenesis() throws IOException {
        Files.createDirectories(genesis.getParent());
        Path temporary = genesis.resolveSibling(GENESIS_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            writeSnapshot(out);
            out.flush();
            channel.force(true);
        }
        Files.move(temporary, genesis, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Applies the committed record at {@code index}: one outcome per proposal, in order. A record at or below
     * {@link #appliedIndex()} is ignored (returns the outcomes remembered in the dedup table where known, else
     * Applied). On a LocalFault the index does not advance and the core stays faulted.
     *
     * <p>Indexes are contiguous: the record must be at {@code appliedIndex() + 1} (pass Raft entries without a
     * record to {@link #skipIndex}); a gap halts the core, since apply never skips.
     */
    public List<Outcome> applyRecord(long index, LogRecord record) {
        Objects.requireNonNull(record, "record");
        return locked(stateLock.writeLock(), () -> applyLocked(index, record));
    }

    private List<Outcome> applyLocked(long index, LogRecord record) {
        ensureOpen();
        List<Proposal> proposals = record.proposals();
        String halted = fault;
        if (halted != null) {
            return localFaults(proposals.size(), "apply is halted: " + halted);
        }
        if (index <= appliedIndex) {
            List<Outcome> remembered = new ArrayList<>(proposals.size());
            for (Proposal proposal : proposals) {
                remembered.add(dedup.remembered(proposal.key()).orElse(Outcome.applied()));
            }
            return List.copyOf(remembered);
        }
        String refusal = admit(index);
        if (refusal != null) {
            return halt(index, refusal, proposals.size());
        }
        ApplyContext context = new ApplyContext(index, record.leaderHlc());
        Outcome[] outcomes = new Outcome[proposals.size()];
        for (int i = 0; i < outcomes.length; i++) {
            Proposal proposal = proposals.get(i);
            Outcome outcome = dedup.settled(proposal.key());
            if (outcome == null) {
                outcome = applyProposal(context, proposal.entry());
                if (outcome instanceof Outcome.LocalFault localFault) {
                    return halt(index, localFault.reason(), outcomes.length);
                }
                dedup.remember(proposal.key(), outcome, index);
            }
            outcomes[i] = outcome;
        }
        String failure = finish(index, record.leaderHlc());
        if (failure != null) {
            return halt(index, failure, outcomes.length);
        }
        return List.of(outcomes);
    }

    /**
     * Advances the applied index over a Raft entry that carries no record (no-op, configuration). Does nothing at or
     * below the applied index or while apply is halted; a gap halts it, as for {@link #applyRecord}.
     */
    public void skipIndex(long index) {
        locked(stateLock.writeLock(), () -> {
            skipLocked(index);
            return null;
        });
    }

    private void skipLocked(long index) {
        ensureOpen();
        if (fault != null || index <= appliedIndex) {
            return;
        }
        String refusal = admit(index);
        if (refusal == null) {
            refusal = finish(index, null);
        }
        if (refusal != null) {
            halt(index, refusal, 0);
        }
    }

    /** Highest index applied by every applier (the composite watermark). */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** Stateless checks of every applier, before the log; empty when the entry may enter it. */
    public Optional<String> validate(MetadataEntry entry) {
        Objects.requireNonNull(entry, "entry");
        for (MetadataApplier applier : appliers) {
            Optional<String> refusal;
            try {
                refusal = applier.validate(entry);
            } catch (RuntimeException e) {
                refusal = Optional.of("validation failed: " + e);
            }
            if (refusal != null && refusal.isPresent()) {
                return Optional.of(applier.id() + ": " + refusal.get());
            }
        }
        if (entry instanceof MetadataEntry.Batch batch) {
            List<MetadataEntry> entries = batch.entries();
            for (int i = 0; i < entries.size(); i++) {
                Optional<String> refusal = validate(entries.get(i));
                if (refusal.isPresent()) {
                    return Optional.of("batch entry [" + i + "]: " + refusal.get());
                }
            }
        }
        return Optional.empty();
    }

    /** The fault that halted apply, if any. */
    public Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    /** The plugin set of this node: (id, version) of every plugin, in plugin order. */
    public List<PluginInfo> pluginSet() {
        return pluginSet;
    }

    /**
     * Writes the whole state (plugin set, dedup table, every applier's section) at {@link #appliedIndex()}. Call it
     * on the apply thread, between records.
     *
     * @throws IOException when apply is halted or the appliers hold different indexes (the state is then that of no
     *                     single index), or writing fails
     */
    public void writeSnapshot(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        ensureOpen();
        String halted = fault;
        if (halted != null) {
            throw new IOException("no snapshot while apply is halted (" + halted + "): the state is not that of any index");
        }
        if (split) {
            throw new IOException("no snapshot while the appliers hold different indexes (" + indexes()
                    + "): apply or restore first");
        }
        SnapshotFormat.Writer writer = new SnapshotFormat.Writer(out);
        writer.header(appliedIndex, pluginSet);
        writer.section(DEDUP_SECTION, section -> StateOutput.write(section, dedup::write));
        for (MetadataApplier applier : appliers) {
            writer.section(applier.id(), applier::writeSnapshot);
        }
        writer.end();
    }

    /**
     * Replaces the whole state with a snapshot written at {@code index}: every applier restores its section, those
     * with a store of their own included, so all of them are at {@code index} afterwards. A restore that fails
     * before any applier was touched (preamble, header, plugin set, index, dedup table) leaves the state as it was;
     * one that fails later halts apply until a restore succeeds. Call it on the apply thread.
     *
     * @throws IOException naming what is wrong; {@link PluginSetMismatchException} when the snapshot's plugin set
     *                     differs from this node's
     */
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        Objects.requireNonNull(in, "in");
        Lock write = stateLock.writeLock();
        write.lock();
        try {
            restoreLocked(in, index);
        } finally {
            write.unlock();
        }
    }

    private void restoreLocked(InputStream in, long index) throws IOException {
        ensureOpen();
        SnapshotFormat.Reader reader = new SnapshotFormat.Reader(in);
        SnapshotFormat.Header header = reader.header();
        if (!header.pluginSet().equals(pluginSet)) {
            throw new PluginSetMismatchException("the snapshot at index " + header.index(), header.pluginSet(), pluginSet);
        }
        if (header.index() != index) {
            throw new IOException("the snapshot was written at index " + header.index() + ", not at index " + index);
        }
        InputStream dedupSection = reader.section(DEDUP_SECTION);
        DedupTable restoredDedup = dedup.read(new StateInput(dedupSection, DEDUP_SECTION));
        reader.finishSection(dedupSection);
        // From here on appliers are replaced one by one: a failure leaves the core halted until a good restore.
        try {
            for (MetadataApplier applier : appliers) {
                InputStream section = reader.section(applier.id());
                applier.restoreSnapshot(section, index);
                reader.finishSection(section);
                if (applier.appliedIndex() != index) {
                    throw new IOException("applier '" + applier.id() + "' reports index " + applier.appliedIndex()
                            + " after restoring the snapshot at index " + index);
                }
            }
            reader.end();
        } catch (IOException | RuntimeException e) {
            fault = "restoring the snapshot at index " + index + " failed, leaving the appliers partly restored: "
                    + e.getMessage() + "; restore a good snapshot";
            if (e instanceof IOException) {
                throw (IOException) e;
            }
            throw new IOException("restoring the snapshot at index " + index + " failed: " + e, e);
        }
        dedup = restoredDedup;
        appliedIndex = index;
        split = false;
        fault = null;
    }

    /**
     * SHA-256 over the plugin set, the dedup table and every applier's digest, in plugin order; not over indexes.
     * Call it on the apply thread, between records, or from another thread inside {@link #consistently}.
     */
    public Sha256 digest() {
        ensureOpen();
        return StateOutput.digest(out -> {
            out.i32(pluginSet.size());
            for (PluginInfo plugin : pluginSet) {
                out.string(plugin.id());
                out.i32(plugin.version());
            }
            out.bytes(dedup.digest().bytes().toByteArray());
            for (MetadataApplier applier : appliers) {
                out.string(applier.id());
                out.bytes(applier.digest().bytes().toByteArray());
            }
        });
    }

    /**
     * Runs {@code reader} while no record is being applied or restored, so that everything it reads (the applied
     * index, the digest, the cache, any applier's state) is the state of one index. For threads other than the
     * apply thread; keep it short, apply waits for it.
     */
    public <T> T consistently(Supplier<T> reader) {
        Objects.requireNonNull(reader, "reader");
        return locked(stateLock.readLock(), reader);
    }

    private static <T> T locked(Lock lock, Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** The core cache. */
    public MetadataCache cache() {
        return cache;
    }

    /** The applier of plugin {@code id} ({@value MetadataCache#ID} for the cache), as {@code type}. */
    public <T> T applier(String id, Class<T> type) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        MetadataApplier applier = byId.get(id);
        if (applier == null) {
            throw new IllegalArgumentException("no applier '" + id + "' on this node (appliers: " + ids() + ")");
        }
        if (!type.isInstance(applier)) {
            throw new IllegalArgumentException("the applier of '" + id + "' is a " + applier.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(applier);
    }

    /** Closes every applier, the last plugin first. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = closeAll(appliers, null);
        if (failure != null) {
            throw failure;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private String admit(long index) {
        if (split) {
            String failure = reconcile();
            if (failure != null) {
                return failure;
            }
        }
        if (index != appliedIndex + 1) {
            return "the record at index " + index + " does not follow the applied index " + appliedIndex
                    + ": apply never skips an index";
        }
        return null;
    }

    private String reconcile() {
        String state = "the appliers hold different indexes (" + indexes() + ")";
        if (appliedIndex != 0 || !Files.isRegularFile(genesis)) {
            return state + " and there is no state to replay them all from: restore a snapshot";
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(genesis))) {
            restoreSnapshot(in, 0);
            return null;
        } catch (IOException e) {
            return state + " and resetting them from " + genesis + " failed: " + e.getMessage();
        }
    }

    private Outcome applyProposal(ApplyContext context, MetadataEntry entry) {
        int count = appliers.size();
        Transaction[] open = new Transaction[count];
        int stage = 0;
        try {
            for (stage = 0; stage < count; stage++) {
                open[stage] = Objects.requireNonNull(appliers.get(stage).begin(context), "begin returned null");
            }
            Refusal refusal = applyTree(entry, open);
            if (refusal != null) {
                String abortFailure = abortAll(open);
                return abortFailure != null ? new Outcome.LocalFault(abortFailure) : Outcome.rejected(refusal.message());
            }
            for (stage = 0; stage < count; stage++) {
                open[stage].prepare();
            }
            for (stage = 0; stage < count; stage++) {
                open[stage].commit();
                open[stage] = null;
            }
            return Outcome.applied();
        } catch (LocalFaultException e) {
            abortAll(open);
            return new Outcome.LocalFault(appliers.get(stage).id() + ": " + e.getMessage());
        } catch (ApplierFailure e) {
            abortAll(open);
            return new Outcome.LocalFault(e.getMessage());
        } catch (RuntimeException e) {
            abortAll(open);
            return new Outcome.LocalFault(appliers.get(stage).id() + " broke its contract: " + e);
        }
    }

    // Entry-major: every applier sees a leaf before any sees the next one, so the first refusal is the earliest.
    private Refusal applyTree(MetadataEntry entry, Transaction[] open) {
        if (entry instanceof MetadataEntry.Batch batch) {
            List<MetadataEntry> entries = batch.entries();
            for (int i = 0; i < entries.size(); i++) {
                Refusal refusal = applyTree(entries.get(i), open);
                if (refusal != null) {
                    return refusal.within(i);
                }
            }
            return null;
        }
        for (int a = 0; a < open.length; a++) {
            String id = appliers.get(a).id();
            Outcome outcome;
            try {
                outcome = open[a].apply(entry);
            } catch (RuntimeException e) {
                throw new ApplierFailure(id + " broke its contract: apply threw " + e, e);
            }
            if (outcome instanceof Outcome.Rejected rejected) {
                return new Refusal(id, "", rejected.reason());
            }
            if (!(outcome instanceof Outcome.Applied)) {
                throw new ApplierFailure(id + " broke its contract: apply returned " + outcome, null);
            }
        }
        return null;
    }

    private String abortAll(Transaction[] open) {
        String failure = null;
        for (int a = 0; a < open.length; a++) {
            if (open[a] == null) {
                continue;
            }
            try {
                open[a].abort();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = appliers.get(a).id() + " broke its contract: abort threw " + e;
                }
            }
            open[a] = null;
        }
        return failure;
    }

    /** Marks {@code index} applied in every applier; returns what failed, or null. */
    private String finish(long index, Hlc leaderHlc) {
        for (MetadataApplier applier : appliers) {
            try {
                if (applier == cache && leaderHlc != null) {
                    cache.finishRecord(index, leaderHlc);
                } else {
                    applier.finishRecord(index);
                }
            } catch (LocalFaultException e) {
                return applier.id() + ": " + e.getMessage();
            } catch (RuntimeException e) {
                return applier.id() + " broke its contract: finishRecord threw " + e;
            }
        }
        appliedIndex = index;
        return null;
    }

    private List<Outcome> halt(long index, String reason, int proposals) {
        fault = "at index " + index + ": " + reason;
        return localFaults(proposals, reason);
    }

    private static List<Outcome> localFaults(int count, String reason) {
        Outcome[] faults = new Outcome[count];
        Arrays.fill(faults, new Outcome.LocalFault(reason));
        return List.of(faults);
    }

    private String indexes() {
        List<String> parts = new ArrayList<>();
        for (MetadataApplier applier : appliers) {
            parts.add(applier.id() + " at " + applier.appliedIndex());
        }
        return String.join(", ", parts);
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (MetadataApplier applier : appliers) {
            ids.add(applier.id());
        }
        return ids;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the metadata core is closed");
        }
    }

    private static Exception closeAll(List<MetadataApplier> appliers, Throwable primary) {
        Exception failure = null;
        for (int i = appliers.size() - 1; i >= 0; i--) {
            try {
                appliers.get(i).close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    /** Which applier refused a proposal, where in its batches, and why. */
    private record Refusal(String applierId, String path, String reason) {
        Refusal within(int position) {
            return new Refusal(applierId, "[" + position + "]" + path, reason);
        }

        String message() {
            return path.isEmpty() ? applierId + ": " + reason : applierId + ": batch entry " + path + ": " + reason;
        }
    }

    /** An applier broke the SPI contract while applying; the node halts rather than guess. */
    private static final class ApplierFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ApplierFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
