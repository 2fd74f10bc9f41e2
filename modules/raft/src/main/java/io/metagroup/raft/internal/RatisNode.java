package io.metagroup.raft.internal;

import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.client.internal.QueryWire;
import io.metagroup.raft.Member;
import io.metagroup.raft.PeerTls;
import io.metagroup.raft.Tuning;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.ExitUtils;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis server of one node and the client it proposes, reads and administers through. The client's view of
 * the group follows the server's current configuration (a joining node learns it when the leader adds it).
 */
public final class RatisNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RatisNode.class);
    /** Node settings with this prefix are Ratis properties, passed through unchanged. */
    public static final String RATIS_PREFIX = "ratis.";

    /**
     * Refuses passthrough settings that would give up durability: an acknowledged proposal must survive a crash of
     * every node, so Ratis' unsafe flush (acknowledging before fsync) stays off.
     */
    public static void checkSettings(java.util.Map<String, String> settings) {
        String key = RATIS_PREFIX + RaftServerConfigKeys.Log.UNSAFE_FLUSH_ENABLED_KEY;
        String value = settings.get(key);
        if (value != null && !value.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting " + key + "=" + value + " refused: Metagroup acknowledges a "
                    + "proposal only once it is fsync'd on a quorum; remove the setting");
        }
    }

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftPeerId self;
    private final RaftProperties clientProperties;
    private final Tuning tuning;
    private final List<Member> initialMembers;
    private final Optional<PeerTls> tls;
    private final List<RaftClient> clients = new ArrayList<>();
    /** Requests this node submits to its own server while it leads (see {@link #send}). */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallId = new AtomicLong();
    private final ExecutorService localReplies;
    private RaftClient client;
    private Set<String> clientView = Set.of();
    private List<RaftPeer> viewPeers = List.of();

    private RatisNode(RaftServer server, RaftGroupId groupId, RaftPeerId self, RaftProperties clientProperties,
                      Tuning tuning, List<Member> initialMembers, Optional<PeerTls> tls) {
        this.server = server;
        this.groupId = groupId;
        this.self = self;
        this.clientProperties = clientProperties;
        this.tuning = tuning;
        this.initialMembers = initialMembers;
        this.tls = tls;
        this.localReplies = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, self + "-local-replies");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the server of {@code config} with {@code stateMachine}; throws {@link BindException} when the port is taken. */
    public static RatisNode start(GroupConfig config, MetadataStateMachine stateMachine) throws IOException {
        // Ratis calls System.exit when its gRPC server cannot bind; an embedded node must throw instead.
        ExitUtils.disableSystemExit();
        Tuning t = config.tuning();
        RaftProperties p = new RaftProperties();
        java.nio.file.Path ratisDir = config.dataDir().resolve("ratis");
        java.nio.file.Files.createDirectories(ratisDir);
        // a server loads every group directory it finds: this directory holds this group only
        RaftServerConfigKeys.setStorageDir(p, List.of(ratisDir.toFile()));
        GrpcConfigKeys.Server.setHost(p, config.self().host());
        GrpcConfigKeys.Server.setPort(p, config.self().port());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(t.rpcTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(t.rpcTimeoutMax()));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(t.requestTimeout()));
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false); // durability is the point
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setPurgeGap(p, t.purgeGap());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, t.purgeUptoSnapshot());
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, t.snapshotThreshold() > 0);
        if (t.snapshotThreshold() > 0) {
            RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, t.snapshotThreshold());
        }
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, t.snapshotsRetained());
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(p, millis(t.requestTimeout()));
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(t.requestTimeout()));
        // escape hatch: settings "ratis.<key>" set Ratis properties directly (for example snapshot chunk size)
        config.settings().forEach((key, value) -> {
            if (key.startsWith(RATIS_PREFIX)) {
                p.set(key.substring(RATIS_PREFIX.length()), value);
            }
        });

        RaftGroupId groupId = Ids.groupId(config.clusterName());
        List<RaftPeer> peers = new ArrayList<>();
        for (Member m : config.initialMembers()) {
            peers.add(Ids.peer(m));
        }
        RaftGroup group = peers.isEmpty() ? RaftGroup.valueOf(groupId) : RaftGroup.valueOf(groupId, peers);
        RaftPeerId self = Ids.peerId(config.self().nodeId());
        RaftServer server = RaftServer.newBuilder()
                .setServerId(self)
                .setGroup(group)
                .setProperties(p)
                .setParameters(TlsParameters.forServer(config.tls()))
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            try {
                server.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                // netty's native transport reports a taken port as its own NativeIoException
                if (c instanceof BindException
                        || (c.getMessage() != null && c.getMessage().contains("Address already in use"))) {
                    BindException b = new BindException("node " + config.self() + ": address in use");
                    b.initCause(e);
                    throw b;
                }
            }
            throw e;
        }
        return new RatisNode(server, groupId, self, p, t, config.initialMembers(), config.tls());
    }

    private static TimeDuration millis(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** This node's division of the group, once the server holds it. */
    public Optional<RaftServer.Division> division() {
        try {
            return Optional.of(server.getDivision(groupId));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The client, rebuilt whenever the configuration's members changed since it was built. */
    synchronized RaftClient client() {
        List<RaftPeer> peers = new ArrayList<>();
        division().ifPresent(d -> {
            // the configuration carries the addresses as the leader that wrote it reaches the peers; this node
            // reaches the members it was started with at the addresses it was given
            List<RaftPeer> conf = new ArrayList<>(d.getRaftConf().getAllPeers(RaftPeerRole.FOLLOWER));
            conf.addAll(d.getRaftConf().getAllPeers(RaftPeerRole.LISTENER));
            for (RaftPeer p : conf) {
                Member own = initialMembers.stream().filter(m -> Ids.peerId(m.nodeId()).equals(p.getId()))
                        .findFirst().orElse(null);
                peers.add(own == null ? p : Ids.peer(own));
            }
        });
        if (peers.isEmpty()) {
            initialMembers.forEach(m -> peers.add(Ids.peer(m)));
        }
        Set<String> view = new TreeSet<>();
        peers.forEach(p -> view.add(p.getId() + "@" + p.getAddress()));
        viewPeers = List.copyOf(peers);
        if (client == null || !view.equals(clientView)) {
            int attempts = (int) Math.max(3, tuning.proposeTimeout().toMillis() / 200);
            client = build(peers, RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts,
                    TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)));
            clients.add(client);
            clientView = view;
        }
        return client;
    }

    /** A new client with the group view of {@link #client()} and its own retry policy; the caller closes it. */
    private RaftClient client(org.apache.ratis.retry.RetryPolicy retry) {
        client(); // refreshes the view
        return build(currentView(), retry);
    }

    private List<RaftPeer> currentView() {
        synchronized (this) {
            return new ArrayList<>(viewPeers);
        }
    }

    private RaftClient build(List<RaftPeer> peers, org.apache.ratis.retry.RetryPolicy retry) {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(RaftGroup.valueOf(groupId, peers))
                .setProperties(clientProperties)
                .setParameters(TlsParameters.forClient(tls))
                .setClientRpc(new GrpcFactory(TlsParameters.forClient(tls)).newRaftClientRpc(ClientId.randomId(),
                        clientProperties))
                .setRetryPolicy(retry)
                .build();
    }

    /**
     * Sends a request record to the leader. On the leader itself the request goes straight into the local server
     * instead of through the gRPC client and back over loopback: that round trip (two serializations, two netty
     * hand-offs each way) cost about a quarter of a proposal's CPU time with one proposal in flight on two cores.
     * Replies of that path complete on this node's reply thread, never on Ratis' apply thread, because the batcher
     * sends its next record from the reply.
     */
    public CompletableFuture<Batcher.Reply> send(byte[] request) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(request)); // the batcher never reuses it
        if (leadsReady()) {
            RaftClientRequest local = RaftClientRequest.newBuilder().setClientId(localClientId).setServerId(self)
                    .setGroupId(groupId).setCallId(localCallId.incrementAndGet()).setMessage(message)
                    .setType(RaftClientRequest.writeRequestType()).build();
            CompletableFuture<RaftClientReply> submitted;
            try {
                submitted = server.submitClientRequestAsync(local);
            } catch (IOException | RuntimeException e) {
                submitted = CompletableFuture.failedFuture(e);
            }
            return submitted.thenApplyAsync(RatisNode::toReply, this::onReplyThread);
        }
        RaftClient c = client();
        return discardWhenSpent(c, c.async().send(message)).thenApply(RatisNode::toReply);
    }

    /** Runs {@code task} on the reply thread; after close (a reply racing the shutdown) on the caller's thread. */
    private void onReplyThread(Runnable task) {
        try {
            localReplies.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    private boolean leadsReady() {
        return division().map(d -> d.getInfo().isLeader() && d.getInfo().isLeaderReady()).orElse(false);
    }

    private static Batcher.Reply toReply(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new java.util.concurrent.CompletionException(reply.getException());
        }
        return new Batcher.Reply(reply.getLogIndex(), reply.getMessage().getContent().toByteArray());
    }

    /**
     * Ratis' ordered async client closes its sliding window for good once a request has run out of retries (for
     * example through a quorum loss longer than the retry policy): every later request on it fails at once. Such a
     * client is dropped here, so the next request builds a fresh one; requests still on the old one fail and are
     * sent again by their callers with the same keys.
     */
    private CompletableFuture<RaftClientReply> discardWhenSpent(RaftClient used,
                                                                 CompletableFuture<RaftClientReply> sent) {
        return sent.whenComplete((reply, error) -> {
            if (error != null && spent(error)) {
                discard(used);
            }
        });
    }

    private static boolean spent(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof RaftRetryFailureException || c instanceof AlreadyClosedException) {
                return true;
            }
        }
        return false;
    }

    private void discard(RaftClient used) {
        synchronized (this) {
            if (client != used) {
                return;
            }
            client = null;
            clients.remove(used);
        }
        LOG.info("node {}: the Raft client ran out of retries; a new one takes over", self);
        try {
            used.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a spent Raft client: {}", e.toString());
        }
    }

    /** Commits a read barrier through the leader; completes with its log index. */
    public CompletableFuture<Long> readBarrier() {
        RaftClient c = client();
        return discardWhenSpent(c, c.async().send(Message.valueOf(ByteString.copyFrom(Wire.BARRIER)))).thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new java.util.concurrent.CompletionException(reply.getException());
            }
            return reply.getLogIndex();
        });
    }

    /**
     * The commit index of the leader {@code leader} as it reports it in a read-only status query: nothing enters the
     * log. Fails when that member does not answer or no longer leads.
     */
    public CompletableFuture<Long> leaderCommitIndex(RaftPeerId leader) {
        return peerStatus(leader).thenApply(status -> {
            if (status.role() != GroupStatus.Role.LEADER) {
                throw new java.util.concurrent.CompletionException(new IOException(leader + " no longer leads"));
            }
            return status.commitIndex();
        });
    }

    /**
     * Member {@code peer}'s own status, asked with a read-only query (nothing enters the log). Fails when it does not
     * answer. Blocks a thread of its own while it waits.
     */
    public CompletableFuture<GroupStatus> peerStatus(RaftPeerId peer) {
        Message query = Message.valueOf(ByteString.copyFrom(QueryWire.encode(new QueryWire.Status())));
        var result = new CompletableFuture<GroupStatus>();
        Thread probe = new Thread(() -> {
            try {
                RaftClientReply reply = client().io().sendStaleRead(query, -1, peer);
                if (!reply.isSuccess()) {
                    throw reply.getException() != null ? reply.getException()
                            : new IOException("status query refused: " + reply);
                }
                result.complete(QueryWire.decodeStatus(reply.getMessage().getContent().toByteArray()));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "status-probe-" + peer);
        probe.setDaemon(true);
        probe.start();
        return result;
    }

    /** Changes the configuration through the leader; returns once committed. */
    public void setConfiguration(SetConfigurationRequest.Arguments arguments) throws IOException {
        RaftClientReply reply = client().admin().setConfiguration(arguments);
        if (!reply.isSuccess()) {
            throw reply.getException() != null ? reply.getException()
                    : new IOException("setConfiguration failed: " + reply);
        }
    }

    /**
     * Transfers leadership to {@code target}; completes once this node sees {@code target} lead. A request that
     * fails (another transfer in progress, a leader change meanwhile) is sent again until the timeout.
     */
    public CompletableFuture<Void> transferLeadership(RaftPeerId target, Duration timeout) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            Exception last = null;
            while (System.nanoTime() < deadline) {
                if (leads(target)) {
                    return;
                }
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                try (RaftClient admin = client(RetryPolicies.retryUpToMaximumCountWithFixedSleep(5,
                        TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))) {
                    RaftClientReply reply = admin.admin().transferLeadership(target, left);
                    if (reply.isSuccess()) {
                        return;
                    }
                    last = reply.getException();
                } catch (IOException e) {
                    last = e;
                }
                sleepQuietly(100);
            }
            if (!leads(target)) {
                throw new java.util.concurrent.CompletionException(new IOException("leadership not transferred to "
                        + target + " within " + timeout.toMillis() + " ms", last));
            }
        });
    }

    private boolean leads(RaftPeerId target) {
        return division().map(d -> target.equals(d.getInfo().getLeaderId())).orElse(false);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A node whose apply halted must not lead or be elected: pause its own elections and, if it leads, step down.
     * Returns true when both are done.
     */
    public boolean stepDownAndStayOut(RaftServer.Division division) {
        try {
            client().getLeaderElectionManagementApi(self).pause();
            if (division.getInfo().isLeader()) {
                LOG.warn("{}: apply halted here; stepping down as leader", self);
                client().admin().transferLeadership(null, tuning.requestTimeout().toMillis());
            }
            return !division.getInfo().isLeader();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: stepping down failed: {}", self, e.toString());
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        List<RaftClient> all;
        synchronized (this) {
            all = new ArrayList<>(clients);
            clients.clear();
        }
        for (RaftClient c : all) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a client: {}", e.toString());
            }
        }
        try {
            server.close();
        } finally {
            localReplies.shutdown();
        }
    }

    /** Members currently in the configuration (voters and listeners). */
    public List<RaftPeer> members() {
        return division().map(d -> {
            List<RaftPeer> all = new ArrayList<>(d.getRaftConf().getCurrentPeers());
            all.addAll(d.getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
            return all;
        }).orElse(Collections.emptyList());
    }
}
