package io.metagroup.raft;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.core.MetadataCore;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import io.metagroup.raft.internal.AppliedFeed;
import io.metagroup.raft.internal.AppliedWatch;
import io.metagroup.raft.internal.Batcher;
import io.metagroup.raft.internal.Door;
import io.metagroup.raft.internal.Ids;
import io.metagroup.raft.internal.MemberVersions;
import io.metagroup.raft.internal.MetadataStateMachine;
import io.metagroup.raft.internal.RatisNode;
import io.metagroup.raft.internal.Reconciler;
import io.metagroup.raft.internal.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the metadata group, as a host uses it: propose entries from any node, read linearizably or locally,
 * subscribe to applied entries, watch readiness and status, change membership and leadership.
 *
 * <p>Every proposal carries an idempotency key ({@link #nextKey()}): this handle's random proposer id and an
 * increasing sequence. The handle resends a proposal with the same key when the group could not take it, and a host
 * may too after a {@link ProposalException.Kind#retryable() retryable} failure ({@link #propose(IdempotencyKey,
 * MetadataEntry)}); the replicated dedup table applies each key at most once.
 */
public final class MetadataGroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataGroup.class);
    /** Setting: the highest cluster version this node reports it supports (to rehearse upgrades; see below). */
    public static final String SUPPORTED_VERSION_SETTING = "metagroup.supported-version";

    private final GroupConfig config;
    private final MetadataCore core;
    private final EntryCodec codec = new EntryCodec();
    private final Door door;
    private final int supportedVersion;
    private final MemberVersions memberVersions;
    private final AppliedWatch watch;
    private final AppliedFeed feed;
    private final MetadataStateMachine stateMachine;
    private final RatisNode node;
    private final Batcher batcher;
    private final Reconciler reconciler;
    private final ExecutorService notifier;
    private final ScheduledExecutorService ticker;
    private final ScheduledExecutorService timer;
    private final long proposerId;
    private final AtomicLong sequence = new AtomicLong();
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private volatile long readyTarget = -1;
    private final AtomicBoolean readyProbe = new AtomicBoolean();
    private volatile boolean closed;
    private boolean steppedDown;

    private MetadataGroup(GroupConfig config) throws IOException {
        this.config = config;
        // bad settings are refused before anything is written
        this.supportedVersion = supportedVersion(config);
        RatisNode.checkSettings(config.settings());
        Tuning t = config.tuning();
        Files.createDirectories(config.dataDir());
        try {
            this.core = MetadataCore.create(config.plugins(), config.dataDir().resolve("core"), config.settings());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot build the core of node " + config.self() + ": " + e.getMessage(), e);
        }
        this.door = new Door(codec, core, supportedVersion);
        Door leaderDoor = new Door(codec, core, supportedVersion);
        this.notifier = Executors.newSingleThreadExecutor(daemon("metagroup-notify-" + config.self().nodeId()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("metagroup-tick-" + config.self().nodeId()));
        // every proposal schedules its timeout here and cancels it when answered: without removal on cancel, each
        // cancelled timeout stayed queued (holding its future) for the whole propose timeout, 30 s of proposals
        var timerPool = new ScheduledThreadPoolExecutor(1, daemon("metagroup-timer-" + config.self().nodeId()));
        timerPool.setRemoveOnCancelPolicy(true);
        this.timer = timerPool;
        this.watch = new AppliedWatch(notifier);
        this.feed = new AppliedFeed(t.historyRetained(), t.subscriberBuffer());
        this.stateMachine = new MetadataStateMachine(core, codec,
                new SnapshotStore(config.dataDir().resolve("quarantine"), t.snapshotsRetained()), feed, watch,
                leaderDoor);
        this.proposerId = new SecureRandom().nextLong() & Long.MAX_VALUE;
        RatisNode started;
        try {
            started = RatisNode.start(config, stateMachine);
        } catch (IOException | RuntimeException e) {
            shutdownExecutors();
            closeQuietly(core);
            throw e;
        }
        this.node = started;
        this.memberVersions = new MemberVersions(started, config.self().nodeId());
        leaderDoor.membersGate(to -> memberVersions.refuse(node.division(), to));
        stateMachine.statusSource(this::status);
        this.batcher = new Batcher(codec, node::send, watch, timer, t.batchMaxProposals(), t.batchMaxBytes(),
                t.maxInFlight());
        this.reconciler = new Reconciler(stateMachine.intents(), node::setConfiguration, this::propose,
                t.catchUpSlack());
        long every = t.reconcileInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts this node: builds the core, starts the Ratis server on the configured address, bootstraps or recovers
     * the group from {@code dataDir}.
     *
     * @throws java.net.BindException when the address is taken (a caller that chose a free port may retry)
     * @throws IOException            when storage, a snapshot or the plugin set is unusable (the message says which)
     */
    public static MetadataGroup start(GroupConfig config) throws IOException {
        return new MetadataGroup(config);
    }

    /**
     * The highest cluster version this node reports it can apply: this build's, or the setting
     * {@value #SUPPORTED_VERSION_SETTING}, which rehearses a rolling upgrade (a lower value plays an older build).
     */
    private static int supportedVersion(GroupConfig config) {
        String value = config.settings().get(SUPPORTED_VERSION_SETTING);
        if (value == null) {
            return Door.SUPPORTED_VERSION;
        }
        try {
            int version = Integer.parseInt(value.trim());
            if (version >= 1 && version <= 0xFFFF) {
                return version;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw new IllegalArgumentException("setting " + SUPPORTED_VERSION_SETTING + ": '" + value
                + "' is not a cluster version (1 to 65535)");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        };
    }

    private void tick() {
        try {
            Optional<RaftServer.Division> d = node.division();
            if (d.isEmpty()) {
                return;
            }
            RaftServer.Division division = d.get();
            RaftPeerId leader = division.getInfo().getLeaderId();
            if (readyTarget < 0 && leader != null && readyProbe.compareAndSet(false, true)) {
                // right after a restart the local commit index lags; the leader's covers every commit acknowledged
                // before this node started (asked read-only: a log entry here would show in the log of every node)
                node.leaderCommitIndex(leader).whenComplete((index, error) -> {
                    if (error == null) {
                        readyTarget = index;
                    }
                    readyProbe.set(false);
                });
            }
            if (readyTarget >= 0 && !ready.isDone() && watch.applied() >= readyTarget) {
                ready.complete(watch.applied());
            }
            if (stateMachine.fault().isPresent()) {
                if (!steppedDown || division.getInfo().isLeader()) {
                    steppedDown = node.stepDownAndStayOut(division);
                }
                return;
            }
            if (division.getInfo().isLeader()) {
                memberVersions.refresh(division);
            }
            reconciler.run(division);
        } catch (RuntimeException e) {
            LOG.warn("node {}: tick failed: {}", config.self(), e.toString());
        }
    }

    /** This node's id. */
    public long nodeId() {
        return config.self().nodeId();
    }

    /** A fresh idempotency key of this handle's session. */
    public IdempotencyKey nextKey() {
        return new IdempotencyKey(proposerId, sequence.incrementAndGet());
    }

    /** Proposes {@code entry} with a fresh key; completes once applied on this node. */
    public CompletableFuture<ProposalResult> propose(MetadataEntry entry) {
        return propose(nextKey(), entry);
    }

    /**
     * Proposes {@code entry} with {@code key} (a retry reuses the key of the first try); completes once the record
     * carrying it is applied on this node, with the record's index and the outcome. Fails with a
     * {@link ProposalException} when refused at the door, timed out, or closed.
     */
    public CompletableFuture<ProposalResult> propose(IdempotencyKey key, MetadataEntry entry) {
        var future = new CompletableFuture<ProposalResult>();
        if (closed) {
            future.completeExceptionally(new ProposalException(ProposalException.Kind.CLOSED, key, "closed"));
            return future;
        }
        Optional<String> fault = stateMachine.fault();
        if (fault.isPresent()) {
            future.completeExceptionally(new ProposalException(ProposalException.Kind.FAULTED, key,
                    "apply halted on this node: " + fault.get()));
            return future;
        }
        int size;
        try {
            door.check(key, entry);
            size = codec.encodeEntry(entry).length;
        } catch (ProposalException e) {
            future.completeExceptionally(e);
            return future;
        } catch (CodecException e) {
            future.completeExceptionally(new ProposalException(Door.kindOf(e), key, e.getMessage(), e));
            return future;
        }
        Duration timeout = config.tuning().proposeTimeout();
        var expiry = timer.schedule(() -> future.completeExceptionally(new ProposalException(
                ProposalException.Kind.TIMEOUT, key,
                "not applied on this node within " + timeout.toMillis() + " ms; retry with the same key")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> expiry.cancel(false));
        batcher.submit(new Batcher.Pending(new Proposal(key, entry), size, future));
        return future;
    }

    /**
     * Proposes several independent entries at once (each with a fresh key, each its own outcome); they are group
     * committed together where they fit in one record. For all-or-nothing, propose one {@link MetadataEntry.Batch}.
     */
    public List<CompletableFuture<ProposalResult>> proposeBatch(List<? extends MetadataEntry> entries) {
        List<CompletableFuture<ProposalResult>> out = new ArrayList<>(entries.size());
        for (MetadataEntry e : entries) {
            out.add(propose(e));
        }
        return out;
    }

    /** Completes when this node has applied everything up to {@code index}. */
    public CompletableFuture<Long> awaitApplied(long index) {
        return watch.await(index);
    }

    /** The highest index applied on this node. */
    public long appliedIndex() {
        return watch.applied();
    }

    /**
     * A linearizable read: a read barrier is committed through the leader (its commit proves the leader still led a
     * quorum after the read began), then, once this node has applied up to the barrier, {@code reader} runs on the
     * local state. Fails with a {@link ReadException} when no barrier commits within twice the request timeout, or
     * apply halted here.
     *
     * <p>Ratis 3.3.0's ReadIndex ({@code raft.server.read.option=LINEARIZABLE}) is not used for this: once a commit
     * index was acknowledged by a quorum, its leader answers later ReadIndex requests at that index without a new
     * heartbeat round, so a leader cut off from its peers keeps serving its old state (PartitionedLeaderReadTest).
     */
    public <T> CompletableFuture<T> readLinearizable(Function<MetadataCore, T> reader) {
        Optional<String> fault = stateMachine.fault();
        if (fault.isPresent()) {
            return CompletableFuture.failedFuture(new ReadException("node " + Long.toUnsignedString(nodeId())
                    + " halted apply and serves no linearizable read: " + fault.get(), null));
        }
        long deadline = 2 * config.tuning().requestTimeout().toMillis();
        return node.readBarrier().orTimeout(deadline, TimeUnit.MILLISECONDS).handle((reply, error) -> {
            if (error != null) {
                throw new CompletionException(new ReadException("linearizable read on node "
                        + Long.toUnsignedString(nodeId()) + " failed: " + rootMessage(error), error));
            }
            return reply;
        }).thenCompose(watch::await).thenApply(i -> readLocal(reader));
    }

    /**
     * A local read: the state this node has applied so far, possibly behind the leader. {@code reader} sees the
     * state of one index (apply waits while it runs, so keep it short and never block in it).
     */
    public <T> T readLocal(Function<MetadataCore, T> reader) {
        return core.consistently(() -> reader.apply(core));
    }

    /** The digest of this node's state (every applier, in plugin order), taken between two records. */
    public Sha256 digest() {
        return core.consistently(core::digest);
    }

    /**
     * Delivers every entry applied from {@code fromIndex} on, in order, on a thread of the subscription. A
     * subscriber that falls {@link Tuning#subscriberBuffer()} entries behind is ended with an overflow signal;
     * one that starts before the retained history is ended with {@link SubscriptionEnd.Compacted}.
     */
    public Subscription subscribe(long fromIndex, SubscriptionListener listener) {
        if (fromIndex < 1) {
            throw new IllegalArgumentException("fromIndex must be at least 1, got " + fromIndex);
        }
        return feed.subscribe(fromIndex, listener);
    }

    /** Completes once this node has applied up to the commit index it saw when it first learned of a leader. */
    public CompletableFuture<Long> ready() {
        return ready.copy();
    }

    /** This node's view of the group. */
    public GroupStatus status() {
        Optional<RaftServer.Division> d = node.division();
        Optional<String> fault = stateMachine.fault();
        if (d.isEmpty()) {
            return new GroupStatus(nodeId(), GroupStatus.Role.NONE, OptionalLong.empty(), 0, 0, watch.applied(),
                    ready.isDone(), fault, 0, stateMachine.snapshotIndex(), stateMachine.installs(), supportedVersion,
                    List.of());
        }
        RaftServer.Division division = d.get();
        var info = division.getInfo();
        RaftPeerId leader = info.getLeaderId();
        RaftConfiguration conf = division.getRaftConf();
        List<GroupStatus.PeerStatus> peers = new ArrayList<>();
        var commits = new java.util.TreeMap<String, Long>();
        for (CommitInfoProto c : division.getCommitInfos()) {
            commits.put(RaftPeerId.valueOf(c.getServer().getId()).toString(), c.getCommitIndex());
        }
        for (RaftPeerRole role : List.of(RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER)) {
            for (RaftPeer p : conf.getCurrentPeers(role)) {
                peers.add(new GroupStatus.PeerStatus(Ids.nodeId(p.getId()), p.getAddress(),
                        role == RaftPeerRole.FOLLOWER, commits.getOrDefault(p.getId().toString(), -1L)));
            }
        }
        GroupStatus.Role role = role(info.getCurrentRole());
        RaftPeerId selfId = Ids.peerId(nodeId());
        if (role == GroupStatus.Role.FOLLOWER
                && conf.getCurrentPeers(RaftPeerRole.LISTENER).stream().anyMatch(p -> p.getId().equals(selfId))) {
            // Ratis keeps a node that started outside the group in FOLLOWER state after it is added as a listener
            role = GroupStatus.Role.LISTENER;
        }
        return new GroupStatus(nodeId(), role,
                leader == null ? OptionalLong.empty() : OptionalLong.of(Ids.nodeId(leader)),
                info.getCurrentTerm(), division.getRaftLog().getLastCommittedIndex(), watch.applied(),
                ready.isDone(), fault, division.getRaftLog().getStartIndex(), stateMachine.snapshotIndex(),
                stateMachine.installs(), supportedVersion, peers);
    }

    private static GroupStatus.Role role(RaftPeerRole r) {
        return switch (r) {
            case LEADER -> GroupStatus.Role.LEADER;
            case CANDIDATE -> GroupStatus.Role.CANDIDATE;
            case FOLLOWER -> GroupStatus.Role.FOLLOWER;
            case LISTENER -> GroupStatus.Role.LISTENER;
            default -> GroupStatus.Role.NONE;
        };
    }

    /**
     * Asks the group to add {@code member}: proposes TopologyChange.Join; the leader's reconciler then adds it as a
     * listener, promotes it to voter once caught up, and proposes PromoteToVoter. Start the new node with an empty
     * {@link GroupConfig#initialMembers()} first.
     */
    public CompletableFuture<ProposalResult> join(Member member) {
        return propose(new TopologyChange.Join(member.nodeId(), member.address()));
    }

    /** Asks the group to remove node {@code nodeId}: proposes TopologyChange.Leave; the reconciler removes it. */
    public CompletableFuture<ProposalResult> leave(long nodeId) {
        return propose(new TopologyChange.Leave(nodeId));
    }

    /** Transfers leadership to voter {@code nodeId}; completes when it leads. */
    public CompletableFuture<Void> transferLeadership(long nodeId, Duration timeout) {
        return node.transferLeadership(Ids.peerId(nodeId), timeout);
    }

    /** The core, for hosts that read applier state directly. */
    public MetadataCore core() {
        return core;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        batcher.close();
        shutdownExecutors();
        closeQuietly(node);
        feed.close();
        watch.failAll(new ProposalException(ProposalException.Kind.CLOSED, null, "the group handle is closed"));
        closeQuietly(core);
    }

    private void shutdownExecutors() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        if (notifier != null) {
            notifier.shutdown();
        }
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("node {}: closing {} failed: {}", config.self(), c.getClass().getSimpleName(), e.toString());
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    @Override
    public String toString() {
        return "MetadataGroup[" + config.self() + "]";
    }
}
