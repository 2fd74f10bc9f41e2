package io.metagroup.raft;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.raft.client.ClientOptions;
import io.metagroup.raft.client.ClusterStatus;
import io.metagroup.raft.client.GroupUnreachableException;
import io.metagroup.raft.client.PeerReport;
import io.metagroup.raft.client.StateSummary;
import io.metagroup.raft.client.internal.QueryAnswers;
import io.metagroup.raft.client.internal.QueryWire;
import io.metagroup.raft.internal.AppliedWatch;
import io.metagroup.raft.internal.Batcher;
import io.metagroup.raft.internal.Door;
import io.metagroup.raft.internal.Ids;
import io.metagroup.raft.internal.TlsParameters;
import io.metagroup.raft.internal.Wire;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote client of a running metadata group: it is not a node and holds no state. It reaches the members over
 * Ratis gRPC at the addresses it is given, and can propose entries, read the replicated state linearizably, report
 * each member's status and the membership, and watch applied entries from an index.
 *
 * <p>Proposals have the same exactly-once meaning as through a node's {@link MetadataGroup}: every proposal carries
 * an idempotency key of this client ({@link #nextKey()}: a random proposer id and an increasing sequence); the
 * client sends it again with the same key while the group cannot take it, and a caller may propose it again with
 * the same key after a {@link ProposalException.Kind#retryable() retryable} failure.
 *
 * <p>Nothing is contacted until the first call. A call that finds no member answering within
 * {@link ClientOptions#answerTimeout()} fails with a {@link GroupUnreachableException} saying so (a proposal with a
 * {@link ProposalException.Kind#UNAVAILABLE} failure carrying it).
 */
public final class MetadataClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataClient.class);
    private static final int PAGE = 256;
    private static final long POLL_MILLIS = 100;
    private static final String STARTING = "starting";

    private final String cluster;
    private final SortedMap<Long, String> peers;
    private final ClientOptions options;
    private final RaftClient writer;
    private final RaftClient reader;
    private final EntryCodec codec = new EntryCodec();
    private final ScheduledExecutorService timer;
    private final ExecutorService queries = Executors.newCachedThreadPool(daemon("metagroup-client-query"));
    private final ExecutorService writes = Executors.newCachedThreadPool(daemon("metagroup-client-write"));
    private final AppliedWatch replied = new AppliedWatch(Runnable::run);
    private final Batcher batcher;
    private final long proposerId = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Watch> watches = Collections.synchronizedList(new ArrayList<>());
    private CompletableFuture<Void> contact;
    private volatile boolean closed;

    private MetadataClient(String cluster, SortedMap<Long, String> peers, ClientOptions options) {
        this.cluster = cluster;
        this.peers = Collections.unmodifiableSortedMap(peers);
        this.options = options;
        List<RaftPeer> members = new ArrayList<>();
        peers.forEach((id, address) -> members.add(Ids.peer(new Member(id, address))));
        RaftGroup group = RaftGroup.valueOf(Ids.groupId(cluster), members);
        // a few tries per call (following the leader); the batcher then sends the same keys again until the deadline
        this.writer = client(group, options.requestTimeout(),
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(10, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)));
        // the queries' own deadline is the answer timeout; Ratis' may be longer for a read that waits for an index
        this.reader = client(group, options.readTimeout().plus(options.answerTimeout()), RetryPolicies.noRetry());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("metagroup-client-timer"));
        Tuning t = Tuning.defaults();
        this.batcher = new Batcher(codec, this::send, replied, timer, t.batchMaxProposals(), t.batchMaxBytes(),
                t.maxInFlight());
    }

    /**
     * A client of cluster {@code cluster} whose members are {@code peers} (node id → {@code host:port}), with the
     * default options. Contacts nothing yet.
     *
     * @throws IllegalArgumentException when the name is empty, there are no peers, or an address is not host:port
     */
    public static MetadataClient open(String cluster, Map<Long, String> peers) {
        return open(cluster, peers, ClientOptions.defaults());
    }

    /** As {@link #open(String, Map)}, with {@code options}. */
    public static MetadataClient open(String cluster, Map<Long, String> peers, ClientOptions options) {
        if (cluster == null || cluster.isEmpty()) {
            throw new IllegalArgumentException("the cluster name must not be empty");
        }
        if (peers == null || peers.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one member address (node id → host:port)");
        }
        SortedMap<Long, String> sorted = new TreeMap<>(Long::compareUnsigned);
        peers.forEach((id, address) -> sorted.put(id, new Member(id, address).address()));
        return new MetadataClient(cluster, sorted, java.util.Objects.requireNonNull(options, "options"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private RaftClient client(RaftGroup group, Duration requestTimeout, RetryPolicy retry) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        ClientId id = ClientId.randomId();
        return RaftClient.newBuilder()
                .setClientId(id)
                .setRaftGroup(group)
                .setProperties(p)
                .setParameters(TlsParameters.forClient(options.tls()))
                .setClientRpc(new GrpcFactory(TlsParameters.forClient(options.tls())).newRaftClientRpc(id, p))
                .setRetryPolicy(retry)
                .build();
    }

    /** The cluster name. */
    public String cluster() {
        return cluster;
    }

    /** The members this client reaches, node id → {@code host:port}, by unsigned id. */
    public SortedMap<Long, String> peers() {
        return peers;
    }

    /** A fresh idempotency key of this client. */
    public IdempotencyKey nextKey() {
        return new IdempotencyKey(proposerId, sequence.incrementAndGet());
    }

    /** Proposes {@code entry} with a fresh key. */
    public CompletableFuture<ProposalResult> propose(MetadataEntry entry) {
        return propose(nextKey(), entry);
    }

    /**
     * Proposes {@code entry} with {@code key} (a retry reuses the key of the first try); completes once the leader
     * applied the record carrying it, with the record's index and the outcome. Fails with a
     * {@link ProposalException}: refused at the door, {@link ProposalException.Kind#UNAVAILABLE} when no member
     * answers, {@link ProposalException.Kind#TIMEOUT} after {@link ClientOptions#proposeTimeout()} (the proposal
     * may or may not be applied: retry with the same key), or closed.
     */
    public CompletableFuture<ProposalResult> propose(IdempotencyKey key, MetadataEntry entry) {
        var future = new CompletableFuture<ProposalResult>();
        if (closed) {
            future.completeExceptionally(new ProposalException(ProposalException.Kind.CLOSED, key, "the client is closed"));
            return future;
        }
        int size;
        try {
            size = codec.encodeEntry(entry).length;
        } catch (CodecException e) {
            future.completeExceptionally(new ProposalException(Door.kindOf(e), key, e.getMessage(), e));
            return future;
        }
        long timeout = options.proposeTimeout().toMillis();
        var expiry = timer.schedule(() -> future.completeExceptionally(new ProposalException(
                ProposalException.Kind.TIMEOUT, key, "not applied within " + timeout + " ms; retry with the same key")),
                timeout, TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> expiry.cancel(false));
        reachable().whenComplete((ok, unreachable) -> {
            if (unreachable != null) {
                Throwable cause = unwrap(unreachable);
                future.completeExceptionally(new ProposalException(ProposalException.Kind.UNAVAILABLE, key,
                        cause.getMessage(), cause));
            } else {
                batcher.submit(new Batcher.Pending(new Proposal(key, entry), size, future));
            }
        });
        return future;
    }

    /** Sends a request record to the leader; the reply comes once the leader applied it. */
    private CompletableFuture<Batcher.Reply> send(byte[] request) {
        return write(request).thenApply(reply -> {
            replied.advance(reply.getLogIndex());
            return new Batcher.Reply(reply.getLogIndex(), reply.getMessage().getContent().toByteArray());
        });
    }

    /**
     * Sends a write (a request record or a read barrier) to the leader, as a blocking call of its own on the write
     * pool. Not Ratis' ordered async API: when one of its requests runs out of retries (every member down for a
     * while) it closes its sliding window, and every later request of that client fails at once, for good.
     */
    private CompletableFuture<RaftClientReply> write(byte[] content) {
        Message message = Message.valueOf(ByteString.copyFrom(content));
        return CompletableFuture.supplyAsync(() -> {
            RaftClientReply reply;
            try {
                reply = writer.io().send(message);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(reply.getException());
            }
            return reply;
        }, writes);
    }

    /**
     * Every member's own view of the group: role, term, commit and applied index, health, and the configuration as
     * it knows it; a member that does not answer within the answer timeout is reported with the reason.
     *
     * @throws GroupUnreachableException when no member answers
     */
    public ClusterStatus status() throws GroupUnreachableException {
        List<CompletableFuture<PeerReport>> asked = new ArrayList<>();
        peers.forEach((id, address) -> asked.add(statusOf(id).handle((s, e) -> e == null
                ? PeerReport.answered(id, address, s) : PeerReport.silent(id, address, problem(e)))));
        List<PeerReport> reports = asked.stream().map(CompletableFuture::join).toList();
        if (reports.stream().allMatch(r -> r.status().isEmpty())) {
            throw unreachable(reports.stream().collect(Collectors.toMap(PeerReport::nodeId,
                    r -> r.problem().orElse(""), (a, b) -> a, TreeMap::new)));
        }
        return new ClusterStatus(cluster, reports);
    }

    /**
     * The members of the current configuration as the leader sees them (voters and listeners, with the commit index
     * the leader knows for each); without a leader, as the member with the highest term sees them.
     *
     * @throws GroupUnreachableException when no member answers
     */
    public List<GroupStatus.PeerStatus> members() throws GroupUnreachableException {
        return status().bestView().map(GroupStatus::peers).orElse(List.of());
    }

    /**
     * A linearizable read of the replicated state: a read barrier is committed through the leader, then a member
     * that has applied it (the leader first) summarizes its state.
     *
     * @throws GroupUnreachableException when no member answers
     * @throws ReadException             when no leader committed the barrier or no member served the state in
     *                                   {@link ClientOptions#readTimeout()}
     */
    public StateSummary read() throws GroupUnreachableException, ReadException {
        return readAtBarrier("the state", (index, left) -> new QueryWire.Summary(index, left), QueryWire::decodeSummary);
    }

    /**
     * A linearizable read of plugin {@code pluginId}'s replicated state: its snapshot section, in the plugin's own
     * encoding (the plugin's API decodes it), from a member that has applied a read barrier committed through the
     * leader.
     *
     * @throws GroupUnreachableException when no member answers
     * @throws ReadException             when no leader committed the barrier or no member served the state (a member
     *                                   without that plugin says so)
     */
    public byte[] readPluginState(String pluginId) throws GroupUnreachableException, ReadException {
        java.util.Objects.requireNonNull(pluginId, "pluginId");
        return readAtBarrier("the state of plugin '" + pluginId + "'",
                (index, left) -> new QueryWire.PluginState(pluginId, index, left), bytes -> bytes);
    }

    /** Decodes a member's answer. */
    private interface Answer<T> {
        T decode(byte[] bytes) throws IOException;
    }

    /**
     * Commits a read barrier through the leader, then asks the members (the leader first) {@code query}(barrier
     * index, milliseconds left) until one answers.
     */
    private <T> T readAtBarrier(String what, java.util.function.BiFunction<Long, Long, QueryWire.Query> query,
                                Answer<T> answer) throws GroupUnreachableException, ReadException {
        awaitReachable();
        long timeout = options.readTimeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        RaftClientReply barrier;
        try {
            barrier = write(Wire.barrier()).get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReadException("no leader of cluster '" + cluster + "' confirmed a read within " + timeout
                    + " ms: " + problem(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadException("interrupted", e);
        }
        long index = barrier.getLogIndex();
        List<Long> order = new ArrayList<>(peers.keySet());
        Long leader = Ids.nodeId(barrier.getServerId());
        order.remove(leader);
        order.add(0, leader);
        Map<Long, String> problems = new TreeMap<>(Long::compareUnsigned);
        for (long id : order) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return answer.decode(ask(id, query.apply(index, left), Duration.ofMillis(left + 500)).get());
            } catch (ExecutionException | IOException e) {
                problems.put(id, problem(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadException("interrupted", e);
            }
        }
        throw new ReadException("no member of cluster '" + cluster + "' served " + what + " at index " + index + ": "
                + describe(problems), null);
    }

    /**
     * The state member {@code nodeId} has applied so far, not linearizable: possibly behind the leader. Comparing
     * the digests of members at the same applied index checks that they agree.
     *
     * @throws IOException naming the member when it does not answer
     */
    public StateSummary readLocal(long nodeId) throws IOException {
        String address = peers.get(nodeId);
        if (address == null) {
            throw new IllegalArgumentException("node " + Long.toUnsignedString(nodeId) + " is not one of " + peers.keySet());
        }
        try {
            return QueryWire.decodeSummary(ask(nodeId, new QueryWire.Summary(0, 0), options.answerTimeout()).get());
        } catch (ExecutionException e) {
            throw new IOException("node " + Long.toUnsignedString(nodeId) + " at " + address + ": " + problem(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Delivers every entry applied from {@code fromIndex} on, in log order, on a thread of the watch, polling one
     * member at a time (another when it stops answering). At most one page of entries is held at once: the next is
     * fetched after the listener took the last. Ends with {@link SubscriptionEnd.Compacted} when the members that
     * answer no longer hold {@code fromIndex} (read the state, then watch from the index given), with
     * {@link SubscriptionEnd.Closed} when closed.
     *
     * @throws GroupUnreachableException when no member answers
     */
    public Subscription watch(long fromIndex, SubscriptionListener listener) throws GroupUnreachableException {
        if (fromIndex < 1) {
            throw new IllegalArgumentException("fromIndex must be at least 1, got " + fromIndex);
        }
        java.util.Objects.requireNonNull(listener, "listener");
        awaitReachable();
        Watch w = new Watch(fromIndex, listener);
        watches.add(w);
        w.thread.start();
        return w;
    }

    private CompletableFuture<GroupStatus> statusOf(long nodeId) {
        return ask(nodeId, new QueryWire.Status(), options.answerTimeout()).thenApply(bytes -> {
            try {
                return QueryWire.decodeStatus(bytes);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * Sends a read-only query to one member; fails when it does not answer within {@code timeout}. Each query is a
     * blocking call of its own on the query pool: Ratis' ordered async calls share a sliding window, in which a
     * member that does not answer would hold up the others' answers.
     */
    private CompletableFuture<byte[]> ask(long nodeId, QueryWire.Query query, Duration timeout) {
        Message message = Message.valueOf(ByteString.copyFrom(QueryWire.encode(query)));
        return CompletableFuture.supplyAsync(() -> {
            RaftClientReply reply;
            try {
                // min index -1: a member answers even before its first commit (a stale read below it is refused)
                reply = reader.io().sendStaleRead(message, -1, Ids.peerId(nodeId));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(reply.getException());
            }
            return reply.getMessage().getContent().toByteArray();
        }, queries).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes once some member answered; a failed probe is tried again by the next call. */
    private synchronized CompletableFuture<Void> reachable() {
        if (contact == null || contact.isCompletedExceptionally()) {
            contact = probe();
        }
        return contact;
    }

    private void awaitReachable() throws GroupUnreachableException {
        try {
            reachable().get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof GroupUnreachableException g) {
                throw g;
            }
            throw new GroupUnreachableException(cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GroupUnreachableException("interrupted", e);
        }
    }

    private CompletableFuture<Void> probe() {
        var any = new CompletableFuture<Void>();
        Map<Long, String> problems = Collections.synchronizedMap(new TreeMap<>(Long::compareUnsigned));
        AtomicInteger left = new AtomicInteger(peers.size());
        for (long id : peers.keySet()) {
            statusOf(id).whenComplete((s, e) -> {
                String problem = e == null ? null : problem(e);
                if (problem == null || problem.equals(STARTING)) {
                    any.complete(null); // a starting member is up: it answers soon
                    return;
                }
                problems.put(id, problem);
                if (left.decrementAndGet() == 0) {
                    synchronized (problems) {
                        any.completeExceptionally(unreachable(new TreeMap<>(problems)));
                    }
                }
            });
        }
        return any;
    }

    private GroupUnreachableException unreachable(Map<Long, String> problems) {
        String addresses = String.join(", ", peers.values());
        boolean foreign = problems.values().stream().anyMatch(p -> p.startsWith("serves no cluster"));
        String question = foreign ? "is the cluster name right?" : "is the group running?";
        return new GroupUnreachableException("no member of cluster '" + cluster + "' at " + addresses
                + " answered within " + seconds(options.answerTimeout()) + ": " + question + " ("
                + describe(problems) + ")", null);
    }

    private String describe(Map<Long, String> problems) {
        return problems.entrySet().stream().map(e -> "node " + Long.toUnsignedString(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** A short reason why a member did not answer. */
    private String problem(Throwable e) {
        Throwable t = unwrap(e);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return "no answer within " + seconds(options.answerTimeout());
            }
            if (c instanceof GroupMismatchException) {
                return "serves no cluster '" + cluster + "'";
            }
            String m = c.getMessage();
            if (c instanceof ServerNotReadyException || (m != null && m.contains(QueryAnswers.STARTING))) {
                return STARTING;
            }
            if (m != null && m.contains("Connection refused")) {
                return "connection refused";
            }
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.strip().replace('\n', ' ');
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Watch> open;
        synchronized (watches) {
            open = new ArrayList<>(watches);
        }
        open.forEach(Watch::close);
        for (Watch w : open) {
            try {
                w.thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        batcher.close();
        timer.shutdownNow();
        queries.shutdownNow();
        writes.shutdownNow();
        for (RaftClient c : List.of(writer, reader)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a Raft client: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "MetadataClient[" + cluster + " " + peers + "]";
    }

    /** One watch: a thread that polls pages of applied entries and hands them to the listener. */
    private final class Watch implements Subscription {
        private final SubscriptionListener listener;
        private final Thread thread;
        private final List<Long> order = new ArrayList<>(peers.keySet());
        private volatile SubscriptionEnd end;
        private long next;
        private int current;

        Watch(long fromIndex, SubscriptionListener listener) {
            this.listener = listener;
            this.next = fromIndex;
            this.thread = new Thread(this::run, "metagroup-client-watch");
            thread.setDaemon(true);
        }

        private void run() {
            long silentSince = -1;
            try {
                while (end == null) {
                    Optional<QueryWire.Page> page = nextPage();
                    if (end != null) {
                        break;
                    }
                    if (page.isEmpty()) {
                        long now = System.nanoTime();
                        if (silentSince < 0) {
                            silentSince = now;
                        } else if (now - silentSince > options.answerTimeout().toNanos()) {
                            LOG.warn("watch of cluster '{}': no member answered for {}; still trying", cluster,
                                    seconds(options.answerTimeout()));
                            silentSince = now;
                        }
                        Thread.sleep(POLL_MILLIS);
                        continue;
                    }
                    silentSince = -1;
                    for (AppliedEntry e : page.get().entries()) {
                        if (end != null) {
                            break;
                        }
                        listener.onEntry(e);
                    }
                    next = page.get().nextFrom();
                    if (page.get().entries().isEmpty()) {
                        Thread.sleep(POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(new SubscriptionEnd.Closed());
            } catch (RuntimeException e) {
                LOG.warn("watch listener threw; ending the watch", e);
                finish(new SubscriptionEnd.Closed());
            }
            watches.remove(this);
            listener.onEnd(end);
        }

        /** The next page from the member that served the last one, or another; empty when none served one. */
        private Optional<QueryWire.Page> nextPage() throws InterruptedException {
            long firstAvailable = -1;
            int answered = 0;
            for (int tried = 0; tried < order.size() && end == null; tried++) {
                long id = order.get(current);
                try {
                    QueryWire.Page page = QueryWire.decodePage(ask(id, new QueryWire.History(next, PAGE),
                            options.answerTimeout()).get(), codec);
                    answered++;
                    if (!page.compacted()) {
                        return Optional.of(page);
                    }
                    firstAvailable = firstAvailable < 0 ? page.firstAvailable() : Math.min(firstAvailable, page.firstAvailable());
                } catch (ExecutionException | IOException e) {
                    LOG.debug("watch: node {} did not serve a page: {}", id, problem(e));
                }
                current = (current + 1) % order.size();
            }
            if (answered > 0 && firstAvailable >= 0) {
                finish(new SubscriptionEnd.Compacted(next, firstAvailable));
            }
            return Optional.empty();
        }

        private void finish(SubscriptionEnd why) {
            if (end == null) {
                end = why;
            }
        }

        @Override
        public Optional<SubscriptionEnd> end() {
            return Optional.ofNullable(end);
        }

        @Override
        public void close() {
            finish(new SubscriptionEnd.Closed());
            thread.interrupt(); // it may wait for a member's answer or between polls
        }
    }
}
