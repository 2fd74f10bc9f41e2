package io.metagroup.bootstrap;

import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.jointoken.JoinToken;
import io.metagroup.plugin.jointoken.JoinTokenStates;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.ProposalResult;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A running group of real nodes (discovered plugins, Ratis on free 127.0.0.1 ports) in this JVM, each serving the
 * bootstrap endpoint over TLS with a certificate of a test CA and holding the CA key. The whole start is retried
 * when a port was taken meanwhile.
 */
final class JoinCluster implements AutoCloseable {
    static final String CLUSTER = "join-test";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the default: the test machine is shared and busy. */
    static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path root;
    final TestCa ca;
    private final Map<Long, String> peers = new TreeMap<>();
    private final Map<Long, String> endpoints = new TreeMap<>();
    private final Map<Long, MetagroupNode> nodes = new TreeMap<>();
    private final Map<Long, Bootstrap> bootstraps = new TreeMap<>();

    private JoinCluster(Path root, TestCa ca) {
        this.root = root;
        this.ca = ca;
    }

    /** {@code n} plain nodes whose joins in flight are reverted after {@code deadMan}. */
    static JoinCluster start(Path root, int n, Duration deadMan) throws Exception {
        return start(root, n, deadMan, false);
    }

    /**
     * {@code n} nodes whose joins in flight are reverted after {@code deadMan}; with {@code mutualTls} the peers
     * speak Ratis over mutual TLS with their certificates of the test CA (which the endpoint presents too).
     */
    static JoinCluster start(Path root, int n, Duration deadMan, boolean mutualTls) throws Exception {
        TestCa ca = TestCa.create(Files.createDirectories(root.resolve("ca")), "join-test-ca");
        for (int attempt = 0; ; attempt++) {
            JoinCluster cluster = new JoinCluster(root.resolve("try" + attempt), ca);
            try {
                cluster.startNodes(n, deadMan, mutualTls);
                return cluster;
            } catch (StartupException | BindException e) {
                cluster.close();
                boolean taken = e instanceof BindException || e.getMessage().contains("in use");
                if (attempt >= 4 || !taken) {
                    throw e;
                }
            }
        }
    }

    private void startNodes(int n, Duration deadMan, boolean mutualTls) throws Exception {
        for (long id = 1; id <= n; id++) {
            peers.put(id, "127.0.0.1:" + freePort());
            endpoints.put(id, "127.0.0.1:" + freePort());
        }
        for (long id = 1; id <= n; id++) {
            Path pki = Files.createDirectories(root.resolve("pki").resolve("n" + id));
            Path[] files = ca.nodeFiles(pki, id, endpoints.get(id));
            TreeMap<String, String> settings = new TreeMap<>();
            settings.put(BootstrapSettings.LISTEN, endpoints.get(id));
            Optional<NodeConfig.Tls> tls = Optional.empty();
            if (mutualTls) {
                Path trustDir = Files.createDirectories(pki.resolve("ca.d"));
                Files.copy(ca.certFile, trustDir.resolve("cluster-ca.crt"));
                tls = Optional.of(new NodeConfig.Tls(files[0], files[1], trustDir)); // the endpoint's too
            } else {
                settings.put(BootstrapSettings.SERVER_KEY, files[0].toString());
                settings.put(BootstrapSettings.SERVER_CERT, files[1].toString());
            }
            settings.put(BootstrapSettings.CA_KEY, ca.keyFile.toString());
            settings.put(BootstrapSettings.CA_CERT, ca.certFile.toString());
            settings.put(BootstrapSettings.DEAD_MAN, deadMan.toMillis() + "ms");
            settings.put(BootstrapSettings.SWEEP_INTERVAL, "200ms");
            NodeConfig config = new NodeConfig(id, peers.get(id), new TreeMap<>(peers), CLUSTER, root.resolve("n" + id),
                    tls, ELECTION_TIMEOUT, NodeConfig.DEFAULT_REQUEST_TIMEOUT, settings,
                    true);
            MetagroupNode node = MetagroupNode.create(config).start();
            nodes.put(id, node);
            bootstraps.put(id, Bootstrap.start(node));
        }
        for (MetagroupNode node : nodes.values()) {
            node.group().ready().get(60, TimeUnit.SECONDS);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bootstrap endpoint of node {@code id}. */
    String endpoint(long id) {
        return endpoints.get(id);
    }

    /** A running node's group. */
    MetadataGroup group(long id) {
        return nodes.get(id).group();
    }

    /** The ids of the running nodes. */
    java.util.Set<Long> running() {
        return nodes.keySet();
    }

    /** The id of the node that leads, once one does. */
    long leader() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Long, MetagroupNode> e : nodes.entrySet()) {
                if (e.getValue().group().status().role() == GroupStatus.Role.LEADER) {
                    return e.getKey();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + TIMEOUT);
    }

    /** A running node that does not lead. */
    long follower() throws InterruptedException {
        long leader = leader();
        return nodes.keySet().stream().filter(id -> id != leader).findFirst().orElseThrow();
    }

    /** Proposes {@code entry} through a running node; the result once applied there. */
    ProposalResult propose(MetadataEntry entry) throws Exception {
        return nodes.values().iterator().next().group().propose(entry).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A new token registered with {@code ttl}, as the token file the operator hands a joiner. */
    TokenFile newToken(Duration ttl) throws Exception {
        JoinToken token = JoinToken.generate(RANDOM);
        ProposalResult r = propose(JoinTokens.register(token, ttl, System.currentTimeMillis()));
        if (!r.applied()) {
            throw new AssertionError("Register was not applied: " + r.outcome());
        }
        return new TokenFile(token, ca.fingerprint());
    }

    /** The token's state on every running node once they agree (after a read barrier on the first). */
    Optional<TokenState> state(JoinToken token) throws Exception {
        MetadataGroup first = nodes.values().iterator().next().group();
        return first.readLinearizable(core -> core.applier(JoinTokens.PLUGIN_ID, JoinTokenStates.class)
                .state(token.hash())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A joiner's config: node {@code id} on a free port, its data dir under this cluster's root. */
    NodeConfig joinerConfig(long id) {
        return new NodeConfig(id, "127.0.0.1:" + freePort(), new TreeMap<>(), NodeConfig.DEFAULT_CLUSTER_NAME,
                root.resolve("joiner-" + id), Optional.empty(), ELECTION_TIMEOUT,
                NodeConfig.DEFAULT_REQUEST_TIMEOUT, new TreeMap<>(), true);
    }

    /** Stops node {@code id} at once: its endpoint and its Raft server. */
    void kill(long id) {
        Bootstrap b = bootstraps.remove(id);
        if (b != null) {
            b.close();
        }
        MetagroupNode node = nodes.remove(id);
        if (node != null) {
            node.close();
        }
    }

    @Override
    public void close() {
        for (long id : new java.util.ArrayList<>(nodes.keySet())) {
            kill(id);
        }
    }
}
