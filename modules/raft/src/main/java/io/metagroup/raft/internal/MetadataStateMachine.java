package io.metagroup.raft.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.core.MetadataCore;
import io.metagroup.model.Hlc;
import io.metagroup.model.LogRecord;
import io.metagroup.model.Proposal;
import io.metagroup.raft.ProposalException;
import io.metagroup.spi.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata group.
 *
 * <p>Leader side: {@link #startTransaction} decodes what a proposer sent, refuses it before it enters the log when
 * a check fails, and stamps the record with the leader's HLC (the only place a wall clock is read).
 *
 * <p>Every node: {@link #applyTransaction} decodes the committed record and applies it through the core. Apply
 * never throws (Ratis closes the server when apply throws). A local fault halts apply for good in this process:
 * the failing and every later entry complete exceptionally and the applied index stays below the failed entry, so
 * neither snapshots nor reads get past it; a restart replays from the last snapshot.
 */
public final class MetadataStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final MetadataCore core;
    private final EntryCodec codec;
    private final Door door;
    private final SnapshotStore store;
    private final MembershipIntents intents = new MembershipIntents();
    private final AppliedFeed feed;
    private final AppliedWatch watch;
    private final Object hlcLock = new Object();
    private Hlc lastStamped = Hlc.ZERO;
    private volatile Hlc lastAppliedHlc = Hlc.ZERO;
    private volatile String halt;
    private final java.util.concurrent.atomic.AtomicLong installs = new java.util.concurrent.atomic.AtomicLong();
    private final io.metagroup.raft.client.internal.QueryAnswers answers;

    /** A state machine applying through {@code core}; {@code door} checks proposals when this node leads. */
    public MetadataStateMachine(MetadataCore core, EntryCodec codec, SnapshotStore store, AppliedFeed feed,
                                AppliedWatch watch, Door door) {
        this.core = core;
        this.codec = codec;
        this.door = door;
        this.store = store;
        this.feed = feed;
        this.watch = watch;
        this.answers = new io.metagroup.raft.client.internal.QueryAnswers(core, codec, feed, watch, this::fault);
    }

    /** Where this node's status comes from when a remote client asks for it (the group handle, once it runs). */
    public void statusSource(java.util.function.Supplier<io.metagroup.raft.GroupStatus> source) {
        answers.statusSource(source);
    }

    /** Answers a remote client's read-only query ({@link io.metagroup.raft.client.internal.QueryWire}). */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return answers.answer(request.getContent().toByteArray()).thenApply(b -> Message.valueOf(ByteString.copyFrom(b)));
    }

    /** The membership the applied log asks for. */
    public MembershipIntents intents() {
        return intents;
    }

    /** Why apply halted, if it did. */
    public Optional<String> fault() {
        return Optional.ofNullable(halt);
    }

    /** The index of the latest snapshot file, -1 when none. */
    public long snapshotIndex() {
        return store.latestIndex();
    }

    /** Snapshots installed from a leader since start. */
    public long installs() {
        return installs.get();
    }

    /** The HLC of the last applied record. */
    public Hlc lastAppliedHlc() {
        return lastAppliedHlc;
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return store;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
        super.initialize(server, groupId, storage);
        store.init(storage);
        loadLatestSnapshot();
        checkLogCoversState(storage.getStorageDir().getCurrentDir().toPath());
        getLifeCycle().startAndTransition(() -> { });
    }

    private static final java.util.regex.Pattern SEGMENT =
            java.util.regex.Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    /**
     * Refuses to start when the Raft log on disk no longer continues where the loaded state ends: after corrupt
     * snapshots were quarantined, the entries between the older state and the log may be purged already. Ratis
     * would wait for them forever; the node says what to do instead.
     */
    private void checkLogCoversState(java.nio.file.Path logDir) throws IOException {
        long logStart = Long.MAX_VALUE;
        if (java.nio.file.Files.isDirectory(logDir)) {
            try (var files = java.nio.file.Files.list(logDir)) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                    java.util.regex.Matcher m = SEGMENT.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        logStart = Math.min(logStart, Long.parseLong(m.group(1)));
                    }
                }
            }
        }
        long applied = core.appliedIndex();
        if (logStart != Long.MAX_VALUE && logStart > applied + 1) {
            throw new IOException("cannot start: the Raft log starts at " + logStart + " but the newest valid snapshot"
                    + " ends at " + applied + " (newer ones were quarantined): entries " + (applied + 1) + ".."
                    + (logStart - 1) + " are gone on this node; move its ratis directory away so that the leader"
                    + " installs a snapshot");
        }
    }

    private void loadLatestSnapshot() throws IOException {
        Optional<SnapshotFile> latest = store.loadLatest();
        if (latest.isEmpty()) {
            LOG.info("no snapshot: replaying the log from its start");
            return;
        }
        SnapshotFile s = latest.get();
        core.restoreSnapshot(new ByteArrayInputStream(s.core()), s.index());
        intents.restore(s.raft());
        lastAppliedHlc = s.hlc();
        setLastAppliedTermIndex(TermIndex.valueOf(s.term(), s.index()));
        feed.reset(s.index());
        watch.advance(s.index());
        LOG.info("restored snapshot at term {} index {}", s.term(), s.index());
    }

    @Override
    public void pause() {
        LifeCycle lc = getLifeCycle();
        if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
            lc.transition(LifeCycle.State.PAUSING);
            lc.transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        // a snapshot from the leader replaced the state machine directory
        loadLatestSnapshot();
        installs.incrementAndGet();
        LifeCycle lc = getLifeCycle();
        if (lc.getCurrentState() == LifeCycle.State.PAUSED) {
            lc.transition(LifeCycle.State.STARTING);
            lc.transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) {
        byte[] bytes = request.getMessage().getContent().toByteArray();
        try {
            if (Wire.isBarrier(bytes)) {
                return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request)
                        .setLogData(ByteString.copyFrom(bytes)).build();
            }
            if (halt != null) {
                throw new ProposalException(ProposalException.Kind.FAULTED, null,
                        "the leader halted apply after a local fault: " + halt);
            }
            LogRecord sent = door.decode(bytes);
            door.check(sent);
            byte[] data;
            try {
                data = codec.encodeRecord(new LogRecord(stamp(), sent.proposals()));
            } catch (CodecException e) {
                throw new ProposalException(Door.kindOf(e), null, e.getMessage(), e);
            }
            return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request)
                    .setLogData(ByteString.copyFrom(data)).build();
        } catch (ProposalException e) {
            TransactionContext refused = TransactionContext.newBuilder().setStateMachine(this)
                    .setClientRequest(request).build();
            refused.setException(new Wire.Refusal(e.kind(), e.getMessage()));
            return refused;
        }
    }

    /** Next leader HLC: after everything stamped here and everything applied (so also after older leaders). */
    private Hlc stamp() {
        Instant now = Instant.now();
        long physical = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        synchronized (hlcLock) {
            lastStamped = Hlc.max(lastStamped, lastAppliedHlc).tick(physical);
            return lastStamped;
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        try {
            if (halt != null) {
                return halted(index);
            }
            long applied = core.appliedIndex();
            if (index <= applied) {
                // already in a durable store; the core ignores it
                updateLastAppliedTermIndex(entry.getTerm(), index);
                return CompletableFuture.completedFuture(Message.EMPTY);
            }
            if (index != applied + 1) {
                return haltAt(index, "gap: applied index is " + applied + " but Raft passed entry " + index);
            }
            byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
            if (Wire.isBarrier(data)) {
                // a read barrier changes nothing: the watermark moves over it like over a no-op entry
                core.skipIndex(index);
                if (core.fault().isPresent() || core.appliedIndex() != index) {
                    return haltAt(index, "local fault: " + core.fault().orElse("the core did not advance"));
                }
                updateLastAppliedTermIndex(entry.getTerm(), index);
                watch.advance(index);
                return CompletableFuture.completedFuture(Message.EMPTY);
            }
            LogRecord record;
            try {
                record = codec.decodeRecord(data);
            } catch (CodecException e) {
                return haltAt(index, "cannot decode the committed record (this node supports wire version "
                        + EntryCodec.WIRE_VERSION + "): " + e.getMessage());
            }
            // concurrent requests may be appended in another order than they were stamped: apply uses the stamp
            // when it is after the last record's, else the next logical tick (a pure function of the log)
            Hlc hlc = record.leaderHlc().isAfter(lastAppliedHlc) ? record.leaderHlc() : lastAppliedHlc.tick(0);
            List<Outcome> outcomes = core.applyRecord(index, new LogRecord(hlc, record.proposals()));
            Optional<String> fault = core.fault();
            Optional<Outcome> localFault = outcomes.stream().filter(o -> o instanceof Outcome.LocalFault).findFirst();
            if (fault.isPresent() || localFault.isPresent() || core.appliedIndex() != index) {
                String why = fault.orElseGet(() -> localFault.map(o -> ((Outcome.LocalFault) o).reason())
                        .orElse("the core did not advance to " + index));
                return haltAt(index, "local fault: " + why);
            }
            lastAppliedHlc = hlc;
            List<Proposal> proposals = record.proposals();
            for (int i = 0; i < proposals.size(); i++) {
                if (outcomes.get(i).isApplied()) {
                    intents.apply(index, proposals.get(i).key(), proposals.get(i).entry());
                }
            }
            updateLastAppliedTermIndex(entry.getTerm(), index);
            feed.publish(index, hlc, proposals, outcomes);
            watch.advance(index);
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(Wire.encodeOutcomes(outcomes))));
        } catch (Throwable t) {
            return haltAt(index, "apply threw " + t);
        }
    }

    private CompletableFuture<Message> haltAt(long index, String why) {
        if (halt == null) {
            halt = "index " + index + ": " + why;
            LOG.error("APPLY HALTED at {}; this node stays unhealthy and replays from its last snapshot after a "
                    + "restart", halt);
        }
        return halted(index);
    }

    private CompletableFuture<Message> halted(long index) {
        return CompletableFuture.failedFuture(new StateMachineException(
                "apply is halted on this node, entry " + index + " not applied: " + halt));
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        // configuration and no-op entries: the watermark moves over them
        try {
            if (halt != null) {
                return;
            }
            long applied = core.appliedIndex();
            if (index == applied + 1) {
                core.skipIndex(index);
            } else if (index > applied + 1) {
                haltAt(index, "gap: applied index is " + applied + " but Raft passed entry " + index);
                return;
            }
            if (index > getLastAppliedTermIndex().getIndex()) {
                updateLastAppliedTermIndex(term, index);
            }
            watch.advance(core.appliedIndex());
        } catch (Throwable t) {
            haltAt(index, "skipping a Raft entry threw " + t);
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        if (halt != null) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        try {
            TermIndex last = getLastAppliedTermIndex();
            if (last == null || last.getIndex() <= 0) {
                return RaftLog.INVALID_LOG_INDEX;
            }
            if (last.getIndex() <= store.latestIndex()) {
                return store.latestIndex();
            }
            if (core.appliedIndex() != last.getIndex()) {
                LOG.warn("not taking a snapshot: core applied {} but Raft applied {}", core.appliedIndex(), last);
                return RaftLog.INVALID_LOG_INDEX;
            }
            var coreBytes = new ByteArrayOutputStream();
            core.writeSnapshot(coreBytes);
            store.write(new SnapshotFile(last.getTerm(), last.getIndex(), lastAppliedHlc, intents.encode(),
                    coreBytes.toByteArray()));
            LOG.info("took snapshot at term {} index {}", last.getTerm(), last.getIndex());
            return last.getIndex();
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("taking a snapshot failed: " + e, e);
        }
    }

    @Override
    public void close() {
        feed.close();
    }
}
