package io.metagroup.core;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The core's own replicated state, applied first for every entry: applied index, HLC watermark (the largest lease
 * {@code expiresAt} seen), the HLC of the last applied record, descriptor leases keyed (descriptor, node), drains,
 * cluster version, surrogate high-watermark, the count of applied catalog DDL, and the topology and routing change
 * logs.
 *
 * <p>Rules of apply:
 * <ul>
 *   <li>{@code DescriptorLeaseGrant} sets the lease of (descriptor, node); it is Rejected when a live drain of the
 *       descriptor covers its version (version at or below the drain's {@code upToVersion}, the record's HLC before
 *       the drain's {@code expiresAt}). An expired drain is ignored and dropped by the grant that finds it.</li>
 *   <li>{@code DescriptorLeaseRelease} removes the node's lease on each listed descriptor.</li>
 *   <li>{@code DescriptorDrainStart} sets the descriptor's drain (replacing an earlier one);
 *       {@code DescriptorDrainEnd} removes it.</li>
 *   <li>{@code ClusterVersionBump} is Rejected unless its {@code from} is the current version (initially
 *       {@value #INITIAL_CLUSTER_VERSION}). That every member supports {@code to} is checked by the leader before
 *       proposing: the members' supported versions are not replicated state.</li>
 *   <li>{@code SurrogateAlloc} raises the surrogate high-watermark, never lowers it.</li>
 *   <li>{@code CatalogDdl} and {@code CatalogDdlAudited} are counted.</li>
 *   <li>Topology and routing changes are appended to their change logs with their index. The logs are kept whole,
 *       as the seed does, so they grow with every such change (and are in every snapshot and digest).</li>
 * </ul>
 *
 * <p>Reads are safe from any thread: a transaction's changes become visible all at once when it commits.
 */
public final class MetadataCache implements MetadataApplier {
    /** The cache's applier id and snapshot section name. */
    public static final String ID = "core";
    /** The cluster version of a new group. */
    public static final int INITIAL_CLUSTER_VERSION = 1;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Committed state: written by the apply thread under the write lock, which also reads it without the lock.
    private final TreeMap<LeaseKey, DescriptorLease> leases = new TreeMap<>();
    private final TreeMap<DescriptorId, DescriptorDrain> drains = new TreeMap<>();
    private final ArrayList<ChangeLogEntry<TopologyChange>> topologyLog = new ArrayList<>();
    private final ArrayList<ChangeLogEntry<RoutingChange>> routingLog = new ArrayList<>();
    private int clusterVersion = INITIAL_CLUSTER_VERSION;
    private long surrogateHwm;
    private long catalogDdlCount;
    private Hlc hlcWatermark = Hlc.ZERO;
    private Hlc lastRecordHlc = Hlc.ZERO;
    private volatile long appliedIndex;

    private Staged open;

    /** An empty cache at index 0. */
    public MetadataCache() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    /** The current cluster version (unsigned 16-bit). */
    public int clusterVersion() {
        return read(() -> clusterVersion);
    }

    /** The surrogate high-watermark: every surrogate id at or below it may be in use. */
    public long surrogateHwm() {
        return read(() -> surrogateHwm);
    }

    /** How many {@code CatalogDdl} and {@code CatalogDdlAudited} entries were applied. */
    public long catalogDdlCount() {
        return read(() -> catalogDdlCount);
    }

    /** The largest lease {@code expiresAt} granted so far; {@link Hlc#ZERO} before any. */
    public Hlc hlcWatermark() {
        return read(() -> hlcWatermark);
    }

    /**
     * The largest leader HLC of the records applied so far; a new leader stamps records at or after it.
     * {@link Hlc#ZERO} before any.
     */
    public Hlc lastRecordHlc() {
        return read(() -> lastRecordHlc);
    }

    /** The lease {@code nodeId} holds on {@code descriptorId}, if any. */
    public Optional<DescriptorLease> lease(DescriptorId descriptorId, long nodeId) {
        LeaseKey key = new LeaseKey(descriptorId, nodeId);
        return read(() -> Optional.ofNullable(leases.get(key)));
    }

    /** Every lease on {@code descriptorId}, by node id (unsigned). */
    public List<DescriptorLease> leases(DescriptorId descriptorId) {
        LeaseKey from = new LeaseKey(descriptorId, 0);
        LeaseKey to = new LeaseKey(descriptorId, -1);
        return read(() -> List.copyOf(leases.subMap(from, true, to, true).values()));
    }

    /** Every lease, by (descriptor, node). */
    public List<DescriptorLease> leases() {
        return read(() -> List.copyOf(leases.values()));
    }

    /** The drain recorded for {@code descriptorId}, live or expired. */
    public Optional<DescriptorDrain> drain(DescriptorId descriptorId) {
        Objects.requireNonNull(descriptorId, "descriptorId");
        return read(() -> Optional.ofNullable(drains.get(descriptorId)));
    }

    /** Every recorded drain, live or expired, by descriptor. */
    public List<DescriptorDrain> drains() {
        return read(() -> List.copyOf(drains.values()));
    }

    /** True when a lease on {@code version} of {@code descriptorId} would be refused at HLC {@code at}. */
    public boolean isDraining(DescriptorId descriptorId, long version, Hlc at) {
        Objects.requireNonNull(at, "at");
        return drain(descriptorId).map(d -> d.refuses(version, at)).orElse(false);
    }

    /** The topology changes applied so far, in log order. */
    public List<ChangeLogEntry<TopologyChange>> topologyLog() {
        return read(() -> List.copyOf(topologyLog));
    }

    /** The routing changes applied so far, in log order. */
    public List<ChangeLogEntry<RoutingChange>> routingLog() {
        return read(() -> List.copyOf(routingLog));
    }

    @Override
    public Transaction begin(ApplyContext context) {
        Objects.requireNonNull(context, "context");
        if (open != null) {
            throw new IllegalStateException("a transaction of the cache is still open at index " + open.context.index());
        }
        open = new Staged(context);
        return open;
    }

    @Override
    public void finishRecord(long index) {
        appliedIndex = index;
    }

    /** Marks the record at {@code index} applied and notes its leader HLC. */
    void finishRecord(long index, Hlc leaderHlc) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            lastRecordHlc = Hlc.max(lastRecordHlc, leaderHlc);
        } finally {
            write.unlock();
        }
        appliedIndex = index;
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        Lock read = lock.readLock();
        read.lock();
        try {
            StateOutput.write(out, this::writeState);
        } finally {
            read.unlock();
        }
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        Restored restored = Restored.read(new StateInput(in, ID));
        Lock write = lock.writeLock();
        write.lock();
        try {
            leases.clear();
            leases.putAll(restored.leases);
            drains.clear();
            drains.putAll(restored.drains);
            topologyLog.clear();
            topologyLog.addAll(restored.topologyLog);
            routingLog.clear();
            routingLog.addAll(restored.routingLog);
            clusterVersion = restored.clusterVersion;
            surrogateHwm = restored.surrogateHwm;
            catalogDdlCount = restored.catalogDdlCount;
            hlcWatermark = restored.hlcWatermark;
            lastRecordHlc = restored.lastRecordHlc;
        } finally {
            write.unlock();
        }
        open = null;
        appliedIndex = index;
    }

    @Override
    public Sha256 digest() {
        Lock read = lock.readLock();
        read.lock();
        try {
            return StateOutput.digest(this::writeState);
        } finally {
            read.unlock();
        }
    }

    /** Holds no files or threads. */
    @Override
    public void close() {
    }

    private <T> T read(Supplier<T> reader) {
        Lock read = lock.readLock();
        read.lock();
        try {
            return reader.get();
        } finally {
            read.unlock();
        }
    }

    // The snapshot section and the digest input: the same canonical bytes.
    private void writeState(StateOutput out) throws IOException {
        out.i32(clusterVersion);
        out.i64(surrogateHwm);
        out.i64(catalogDdlCount);
        out.hlc(hlcWatermark);
        out.hlc(lastRecordHlc);
        out.i32(leases.size());
        for (DescriptorLease lease : leases.values()) {
            out.descriptorId(lease.descriptorId());
            out.i64(lease.version());
            out.i64(lease.nodeId());
            out.hlc(lease.expiresAt());
        }
        out.i32(drains.size());
        for (DescriptorDrain drain : drains.values()) {
            out.descriptorId(drain.descriptorId());
            out.i64(drain.upToVersion());
            out.hlc(drain.expiresAt());
        }
        out.i32(topologyLog.size());
        for (ChangeLogEntry<TopologyChange> logged : topologyLog) {
            out.i64(logged.index());
            ChangeEncoding.writeTopology(out, logged.change());
        }
        out.i32(routingLog.size());
        for (ChangeLogEntry<RoutingChange> logged : routingLog) {
            out.i64(logged.index());
            ChangeEncoding.writeRouting(out, logged.change());
        }
    }

    private static String describe(DescriptorId id) {
        return id.tenantId() + "/" + id.kind() + "/" + id.name();
    }

    /** The key of the lease table: descriptor, then node id (unsigned). */
    private record LeaseKey(DescriptorId descriptorId, long nodeId) implements Comparable<LeaseKey> {
        LeaseKey {
            Objects.requireNonNull(descriptorId, "descriptorId");
        }

        @Override
        public int compareTo(LeaseKey other) {
            int byDescriptor = descriptorId.compareTo(other.descriptorId);
            return byDescriptor != 0 ? byDescriptor : Long.compareUnsigned(nodeId, other.nodeId);
        }
    }

    /** One proposal's staged changes: scalars copied at begin, maps and logs overlaid on first touch. */
    private final class Staged implements Transaction, MetadataEntry.Visitor<Outcome> {
        private final ApplyContext context;
        private Overlay<LeaseKey, DescriptorLease> stagedLeases;
        private Overlay<DescriptorId, DescriptorDrain> stagedDrains;
        private List<ChangeLogEntry<TopologyChange>> newTopology;
        private List<ChangeLogEntry<RoutingChange>> newRouting;
        private int version = clusterVersion;
        private long hwm = surrogateHwm;
        private long ddl = catalogDdlCount;
        private Hlc watermark = hlcWatermark;

        Staged(ApplyContext context) {
            this.context = context;
        }

        @Override
        public Outcome apply(MetadataEntry entry) {
            if (open != this) {
                throw new IllegalStateException("the cache transaction at index " + context.index() + " is closed");
            }
            return entry.accept(this);
        }

        @Override
        public void commit() {
            close();
            Lock write = lock.writeLock();
            write.lock();
            try {
                if (stagedLeases != null) {
                    stagedLeases.applyTo(leases);
                }
                if (stagedDrains != null) {
                    stagedDrains.applyTo(drains);
                }
                if (newTopology != null) {
                    topologyLog.addAll(newTopology);
                }
                if (newRouting != null) {
                    routingLog.addAll(newRouting);
                }
                clusterVersion = version;
                surrogateHwm = hwm;
                catalogDdlCount = ddl;
                hlcWatermark = watermark;
            } finally {
                write.unlock();
            }
        }

        @Override
        public void abort() {
            if (open == this) {
                open = null;
            }
        }

        // Overlays are made on the first write, so a proposal that touches no map allocates none.
        private Overlay<LeaseKey, DescriptorLease> leaseChanges() {
            if (stagedLeases == null) {
                stagedLeases = new Overlay<>(leases);
            }
            return stagedLeases;
        }

        private Overlay<DescriptorId, DescriptorDrain> drainChanges() {
            if (stagedDrains == null) {
                stagedDrains = new Overlay<>(drains);
            }
            return stagedDrains;
        }

        private void close() {
            if (open != this) {
                throw new IllegalStateException("the cache transaction at index " + context.index() + " is closed");
            }
            open = null;
        }

        @Override
        public Outcome catalogDdl(MetadataEntry.CatalogDdl e) {
            ddl++;
            return Outcome.applied();
        }

        @Override
        public Outcome catalogDdlAudited(MetadataEntry.CatalogDdlAudited e) {
            ddl++;
            return Outcome.applied();
        }

        @Override
        public Outcome batch(MetadataEntry.Batch e) {
            // The composite flattens batches; a direct caller still gets all-or-nothing from its abort.
            for (MetadataEntry sub : e.entries()) {
                Outcome outcome = sub.accept(this);
                if (!outcome.isApplied()) {
                    return outcome;
                }
            }
            return Outcome.applied();
        }

        @Override
        public Outcome topologyChange(TopologyChange e) {
            newTopology = logged(newTopology, e);
            return Outcome.applied();
        }

        @Override
        public Outcome routingChange(RoutingChange e) {
            newRouting = logged(newRouting, e);
            return Outcome.applied();
        }

        /** {@code staged} (made on first use) with {@code change} appended at this index. */
        private <T> List<ChangeLogEntry<T>> logged(List<ChangeLogEntry<T>> staged, T change) {
            List<ChangeLogEntry<T>> list = staged != null ? staged : new ArrayList<>(1);
            list.add(new ChangeLogEntry<>(context.index(), change));
            return list;
        }

        @Override
        public Outcome clusterVersionBump(MetadataEntry.ClusterVersionBump e) {
            if (e.from() != version) {
                return Outcome.rejected("cluster version bump " + e.from() + " -> " + e.to()
                        + " refused: the cluster version is " + version + ", not " + e.from());
            }
            version = e.to();
            return Outcome.applied();
        }

        @Override
        public Outcome descriptorLeaseGrant(MetadataEntry.DescriptorLeaseGrant e) {
            DescriptorLease lease = e.lease();
            DescriptorDrain drain = stagedDrains != null ? stagedDrains.get(lease.descriptorId()) : drains.get(lease.descriptorId());
            if (drain != null) {
                if (drain.refuses(lease.version(), context.leaderHlc())) {
                    return Outcome.rejected("lease on " + describe(lease.descriptorId()) + " at version "
                            + Long.toUnsignedString(lease.version()) + " refused: the descriptor is draining up to version "
                            + Long.toUnsignedString(drain.upToVersion()) + " until HLC " + drain.expiresAt());
                }
                if (!drain.isLiveAt(context.leaderHlc())) {
                    drainChanges().remove(lease.descriptorId());
                }
            }
            leaseChanges().put(new LeaseKey(lease.descriptorId(), lease.nodeId()), lease);
            watermark = Hlc.max(watermark, lease.expiresAt());
            return Outcome.applied();
        }

        @Override
        public Outcome descriptorLeaseRelease(MetadataEntry.DescriptorLeaseRelease e) {
            for (DescriptorId descriptorId : e.descriptorIds()) {
                leaseChanges().remove(new LeaseKey(descriptorId, e.nodeId()));
            }
            return Outcome.applied();
        }

        @Override
        public Outcome descriptorDrainStart(MetadataEntry.DescriptorDrainStart e) {
            drainChanges().put(e.descriptorId(), new DescriptorDrain(e.descriptorId(), e.upToVersion(), e.expiresAt()));
            return Outcome.applied();
        }

        @Override
        public Outcome descriptorDrainEnd(MetadataEntry.DescriptorDrainEnd e) {
            drainChanges().remove(e.descriptorId());
            return Outcome.applied();
        }

        @Override
        public Outcome caTrustChange(MetadataEntry.CaTrustChange e) {
            return Outcome.applied();
        }

        @Override
        public Outcome surrogateAlloc(MetadataEntry.SurrogateAlloc e) {
            hwm = Math.max(hwm, e.hwm());
            return Outcome.applied();
        }

        @Override
        public Outcome joinTokenTransition(MetadataEntry.JoinTokenTransition e) {
            return Outcome.applied();
        }

        @Override
        public Outcome migrationCheckpoint(MetadataEntry.MigrationCheckpoint e) {
            return Outcome.applied();
        }

        @Override
        public Outcome migrationAbort(MetadataEntry.MigrationAbort e) {
            return Outcome.applied();
        }
    }

    /** A snapshot section parsed and checked, before it replaces the state. */
    private static final class Restored {
        final TreeMap<LeaseKey, DescriptorLease> leases = new TreeMap<>();
        final TreeMap<DescriptorId, DescriptorDrain> drains = new TreeMap<>();
        final List<ChangeLogEntry<TopologyChange>> topologyLog = new ArrayList<>();
        final List<ChangeLogEntry<RoutingChange>> routingLog = new ArrayList<>();
        int clusterVersion;
        long surrogateHwm;
        long catalogDdlCount;
        Hlc hlcWatermark;
        Hlc lastRecordHlc;

        static Restored read(StateInput in) throws IOException {
            Restored r = new Restored();
            r.clusterVersion = in.i32("clusterVersion");
            if (r.clusterVersion < 0 || r.clusterVersion > 0xFFFF) {
                throw in.malformed("clusterVersion " + r.clusterVersion + " is not an unsigned 16-bit value");
            }
            r.surrogateHwm = in.i64("surrogateHwm");
            if (r.surrogateHwm < 0 || r.surrogateHwm > 0xFFFF_FFFFL) {
                throw in.malformed("surrogateHwm " + r.surrogateHwm + " is not an unsigned 32-bit value");
            }
            r.catalogDdlCount = in.i64("catalogDdlCount");
            r.hlcWatermark = in.hlc("hlcWatermark");
            r.lastRecordHlc = in.hlc("lastRecordHlc");
            int leaseCount = in.count("lease count");
            for (int i = 0; i < leaseCount; i++) {
                String field = "lease[" + i + "]";
                DescriptorId descriptorId = in.descriptorId(field + ".descriptorId");
                long version = in.i64(field + ".version");
                long nodeId = in.i64(field + ".nodeId");
                Hlc expiresAt = in.hlc(field + ".expiresAt");
                putInOrder(in, r.leases, new LeaseKey(descriptorId, nodeId),
                        new DescriptorLease(descriptorId, version, nodeId, expiresAt), field);
            }
            int drainCount = in.count("drain count");
            for (int i = 0; i < drainCount; i++) {
                String field = "drain[" + i + "]";
                DescriptorId descriptorId = in.descriptorId(field + ".descriptorId");
                long upToVersion = in.i64(field + ".upToVersion");
                Hlc expiresAt = in.hlc(field + ".expiresAt");
                putInOrder(in, r.drains, descriptorId, new DescriptorDrain(descriptorId, upToVersion, expiresAt), field);
            }
            readLog(in, "topologyLog", r.topologyLog, ChangeEncoding::readTopology);
            readLog(in, "routingLog", r.routingLog, ChangeEncoding::readRouting);
            in.expectEnd();
            return r;
        }

        private static <K extends Comparable<K>, V> void putInOrder(StateInput in, TreeMap<K, V> map, K key, V value,
                                                                    String field) throws IOException {
            if (!map.isEmpty() && map.lastKey().compareTo(key) >= 0) {
                throw in.malformed(field + " is out of order or repeated");
            }
            map.put(key, value);
        }

        private static <T> void readLog(StateInput in, String name, List<ChangeLogEntry<T>> log,
                                        ChangeEncoding.Reader<T> reader) throws IOException {
            int count = in.count(name + " size");
            long previous = 1;
            for (int i = 0; i < count; i++) {
                String field = name + "[" + i + "]";
                long index = in.i64(field + ".index");
                if (index < previous) {
                    throw in.malformed(field + ".index " + index + " is below the previous entry's or below 1");
                }
                previous = index;
                log.add(new ChangeLogEntry<>(index, reader.read(in, field)));
            }
        }
    }
}
