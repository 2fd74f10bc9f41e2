package io.metagroup.runtime;

import io.metagroup.plugin.tls.ReloadingTrustManager;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSet;
import io.metagroup.plugin.tls.TrustSource;
import io.metagroup.plugin.tls.TrustedCa;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.PeerTls;
import io.metagroup.raft.client.ClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Nodes 1..n of a mutual-TLS group on 127.0.0.1, each with its own data dir, key, certificate and trust directory
 * under one root; certificates come from {@link TestPki}. Peers' connections are recycled after a maximum age
 * ({@link #MAX_AGE} for a test that watches trust changes cut them).
 */
final class TlsGroup implements AutoCloseable {
    /**
     * Short enough for a test to see old connections cut, long enough that the recycling does not keep a busy
     * machine electing.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 5;
    /** Above the default: three TLS nodes share one JVM on a machine that may be busy. */
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);

    private final Path root;
    private final TreeMap<Long, String> peers = new TreeMap<>();
    private final MetagroupNode[] nodes;
    private final Duration maxAge;

    private TlsGroup(Path root, int size, Duration maxAge) {
        this.root = root;
        this.nodes = new MetagroupNode[size + 1];
        this.maxAge = maxAge;
    }

    /**
     * Starts nodes 1..{@code leaves.size()}, node {@code i} presenting {@code leaves.get(i - 1)} and trusting
     * {@code ca} (the only file of its trust directory), connections recycled after {@code maxAge}; free ports are
     * chosen again when one was taken meanwhile.
     */
    static TlsGroup start(Path root, TestPki.Issued ca, List<TestPki.Issued> leaves, Duration maxAge)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path dir = root.resolve("attempt-" + attempt);
            TlsGroup group = new TlsGroup(dir, leaves.size(), maxAge);
            for (int i = 1; i <= leaves.size(); i++) {
                group.peers.put((long) i, "127.0.0.1:" + freePort());
                Path trustDir = group.trustDir(i);
                Files.createDirectories(trustDir);
                ca.writeCertificate(trustDir.resolve("cluster-ca.crt"));
                leaves.get(i - 1).writePem(group.keyFile(i), group.certFile(i));
            }
            try {
                for (int i = 1; i <= leaves.size(); i++) {
                    group.startNode(i);
                }
                return group;
            } catch (StartupException e) {
                group.close();
                if (attempt >= ATTEMPTS || !String.valueOf(e.getMessage()).contains("in use")) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Path keyFile(int id) {
        return root.resolve("n" + id + "-key.pem");
    }

    Path certFile(int id) {
        return root.resolve("n" + id + "-cert.pem");
    }

    Path trustDir(int id) {
        return root.resolve("n" + id + "-ca.d");
    }

    /** The config of node {@code id}: TLS from its files. */
    NodeConfig config(int id) {
        Path data = root.resolve("n" + id);
        TreeMap<String, String> settings = new TreeMap<>();
        settings.put(NodeTrust.MAX_AGE_KEY, maxAge.toSeconds() + "s");
        return new NodeConfig(id, peers.get((long) id), peers, NodeConfig.DEFAULT_CLUSTER_NAME, data,
                Optional.of(new NodeConfig.Tls(keyFile(id), certFile(id), trustDir(id))),
                ELECTION_TIMEOUT, NodeConfig.DEFAULT_REQUEST_TIMEOUT, settings, true);
    }

    /** Starts node {@code id} from its files (again, after {@link #stop}). */
    MetagroupNode startNode(int id) {
        MetagroupNode node = MetagroupNode.create(config(id));
        try {
            nodes[id] = node.start();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** Stops node {@code id}. */
    void stop(int id) {
        if (nodes[id] != null) {
            nodes[id].close();
            nodes[id] = null;
        }
    }

    /** Node {@code id}, running. */
    MetagroupNode node(int id) {
        if (nodes[id] == null) {
            throw new IllegalStateException("node " + id + " is stopped");
        }
        return nodes[id];
    }

    /** The running nodes. */
    List<MetagroupNode> running() {
        return Arrays.stream(nodes).filter(n -> n != null).toList();
    }

    /** The live trust source of node {@code id}. */
    TrustSource trust(int id) {
        return node(id).group().core().applier(TlsTrust.PLUGIN_ID, TrustSource.class);
    }

    /** The running node that leads, if one does now. */
    Optional<MetagroupNode> leader() {
        return running().stream().filter(n -> n.group().status().role() == GroupStatus.Role.LEADER).findFirst();
    }

    Map<Long, String> peers() {
        return peers;
    }

    /**
     * A remote client presenting {@code identity} (written to files first, as an operator's would be) and trusting
     * {@code trusted}.
     */
    MetadataClient client(String name, TestPki.Issued identity, TestPki.Issued... trusted) {
        try {
            Path key = root.resolve(name + "-key.pem");
            Path cert = root.resolve(name + "-cert.pem");
            identity.writePem(key, cert);
            TrustSet cas = TrustSet.of(Arrays.stream(trusted).map(i -> TrustedCa.of(i.cert())).toList());
            PeerTls tls = PeerTls.of(TlsTrust.keyManager(key, cert), new ReloadingTrustManager(cas));
            return MetadataClient.open(NodeConfig.DEFAULT_CLUSTER_NAME, peers,
                    ClientOptions.defaults().withAnswerTimeout(Duration.ofSeconds(10)).withTls(tls));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (int i = 1; i < nodes.length; i++) {
            stop(i);
        }
    }
}
