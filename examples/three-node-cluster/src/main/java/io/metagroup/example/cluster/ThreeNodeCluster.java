package io.metagroup.example.cluster;

import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.StartupException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three real Metagroup nodes on 127.0.0.1 in one JVM, each with its own data dir: a scripted mix of entries, the
 * leader killed and restarted on its data dir, and each node's applied index and state digest printed side by side.
 * Exits 0 when the three digests are equal.
 */
public final class ThreeNodeCluster {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PROPOSALS_WHILE_DOWN = 20;
    /** gRPC logs through java.util.logging; held here so the level set on it is not lost to garbage collection. */
    private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    private final Path root;
    private final PrintStream out;
    private final SortedMap<Long, NodeConfig> configs = new TreeMap<>();
    private final SortedMap<Long, MetagroupNode> nodes = new TreeMap<>();

    ThreeNodeCluster(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    /** Runs the script under {@code args[0]} (default {@code target/three-node-cluster}). */
    public static void main(String[] args) throws Exception {
        GRPC_LOG.setLevel(java.util.logging.Level.WARNING);
        Path root = Path.of(args.length > 0 ? args[0] : "target/three-node-cluster");
        int code;
        try (var cluster = new Closer(new ThreeNodeCluster(root, System.out))) {
            code = cluster.cluster.run() ? 0 : 1;
        }
        System.exit(code);
    }

    /** Runs the whole script; true when every node ends with the same applied index and digest. */
    boolean run() throws Exception {
        deleteTree(root);
        startAll();
        out.println("== three nodes started; leader is node " + leader());
        script();
        long leader = leader();
        out.println("== killing the leader, node " + leader);
        nodes.remove(leader).close();
        List<ProposalResult> whileDown = new ArrayList<>();
        for (int i = 0; i < PROPOSALS_WHILE_DOWN; i++) {
            whileDown.add(propose(anyNode(), new MetadataEntry.CatalogDdl(bytes("ddl while node " + leader + " is down #" + i))));
        }
        out.println("   " + whileDown.size() + " proposals applied by the two survivors; new leader is node " + leader());
        out.println("== restarting node " + leader + " on its data dir");
        nodes.put(leader, startNode(configs.get(leader)));
        propose(anyNode(), new MetadataEntry.CatalogDdl(bytes("after the restart")));
        return report();
    }

    private void script() throws Exception {
        DescriptorId users = new DescriptorId(1, DescriptorKind.COLLECTION, "users");
        Hlc farFuture = new Hlc(Long.MAX_VALUE, 0);
        step("DDL", new MetadataEntry.CatalogDdl(bytes("CREATE COLLECTION users")));
        step("audited DDL", new MetadataEntry.CatalogDdlAudited(bytes("ALTER COLLECTION users ADD email"), "u-17",
                "alice", "ALTER COLLECTION users ADD COLUMN email TEXT"));
        step("Batch[join node 4, promote node 4]", MetadataEntry.Batch.of(
                new TopologyChange.Join(4, "127.0.0.1:7104"), new TopologyChange.PromoteToVoter(4)));
        step("topology: start decommission of node 4", new TopologyChange.StartDecommission(4));
        step("routing: group 1 leader -> node 2", new RoutingChange.LeadershipTransfer(1, 2));
        step("routing: vShard 7 -> group 2", new RoutingChange.ReassignVShard(7, 2, 3));
        step("lease grant users v3 to node 1", new MetadataEntry.DescriptorLeaseGrant(
                new DescriptorLease(users, 3, 1, farFuture)));
        step("drain users up to v3", new MetadataEntry.DescriptorDrainStart(users, 3, farFuture));
        step("lease grant users v3 to node 2 during the drain (refused)", new MetadataEntry.DescriptorLeaseGrant(
                new DescriptorLease(users, 3, 2, farFuture)));
        step("drain end", new MetadataEntry.DescriptorDrainEnd(users));
        step("cluster version 0 -> 1 (refused at apply: it is 1 already)", new MetadataEntry.ClusterVersionBump(0, 1));
        step("cluster version 1 -> 2 (refused at the door: unsupported)", new MetadataEntry.ClusterVersionBump(1, 2));
        MetagroupNode leader = nodes.get(leader());
        awaitAllocator(leader);
        long first = leader.surrogates().allocate(WAIT);
        long last = first;
        for (int i = 0; i < 99; i++) {
            last = leader.surrogates().allocate(WAIT);
        }
        out.printf("   %-58s surrogates %d..%d, replicated high-watermark %d%n", "surrogate allocation on the leader",
                first, last, leader.group().core().cache().surrogateHwm());
    }

    private void step(String what, MetadataEntry entry) throws Exception {
        ProposalResult r;
        try {
            r = propose(anyNode(), entry);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ProposalException refused)) {
                throw e;
            }
            out.printf("   %-58s REFUSED before the log: %s%n", what, refused.getMessage());
            return;
        }
        out.printf("   %-58s index %-4d %s%n", what, r.index(),
                r.applied() ? "applied" : "REJECTED: " + ((io.metagroup.spi.Outcome.Rejected) r.outcome()).reason());
    }

    private static ProposalResult propose(MetagroupNode node, MetadataEntry entry) throws Exception {
        return node.group().propose(entry).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private boolean report() throws Exception {
        long target = 0;
        for (MetagroupNode n : nodes.values()) {
            target = Math.max(target, n.group().status().commitIndex());
        }
        for (MetagroupNode n : nodes.values()) {
            n.group().awaitApplied(target).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        out.println();
        out.printf("%-6s %-9s %-14s %s%n", "node", "role", "applied index", "state digest (SHA-256)");
        out.printf("%-6s %-9s %-14s %s%n", "----", "----", "-------------", "----------------------");
        String digest = null;
        boolean equal = true;
        for (var e : nodes.entrySet()) {
            GroupStatus s = e.getValue().group().status();
            String d = e.getValue().group().digest().toHex();
            equal &= digest == null || digest.equals(d);
            digest = d;
            out.printf("%-6d %-9s %-14d %s%n", e.getKey(), s.role().name().toLowerCase(), s.appliedIndex(), d);
        }
        out.println();
        out.println(equal ? "All three nodes hold the same state." : "DIGESTS DIFFER: the replicas diverged.");
        return equal;
    }

    private void startAll() throws IOException {
        for (int attempt = 0; ; attempt++) {
            SortedMap<Long, String> peers = new TreeMap<>();
            for (long id = 1; id <= 3; id++) {
                peers.put(id, "127.0.0.1:" + freePort());
            }
            configs.clear();
            for (long id = 1; id <= 3; id++) {
                configs.put(id, config(id, peers));
            }
            try {
                for (NodeConfig c : configs.values()) {
                    nodes.put(c.nodeId(), startNode(c));
                }
                return;
            } catch (StartupException e) {
                closeAll();
                deleteTree(root);
                if (attempt >= 4 || !e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
    }

    private NodeConfig config(long id, SortedMap<Long, String> peers) {
        SortedMap<String, String> settings = new TreeMap<>();
        settings.put("plugin.routing.genesis.groups", "4");
        settings.put("plugin.routing.genesis.nodes", "1,2,3");
        settings.put("plugin.routing.genesis.replication-factor", "3");
        return new NodeConfig(id, peers.get(id), peers, NodeConfig.DEFAULT_CLUSTER_NAME, root.resolve("node-" + id),
                Optional.empty(), NodeConfig.DEFAULT_ELECTION_TIMEOUT, NodeConfig.DEFAULT_REQUEST_TIMEOUT, settings, true);
    }

    private static MetagroupNode startNode(NodeConfig config) {
        for (int attempt = 0; ; attempt++) {
            MetagroupNode node = MetagroupNode.create(config);
            try {
                return node.start();
            } catch (StartupException e) {
                node.close();
                // a restarted node's port can take a moment to be released by the old server
                if (attempt >= 20 || !e.getMessage().contains("in use") || !Files.exists(config.dataDir())) {
                    throw e;
                }
                sleep(250);
            }
        }
    }

    private long leader() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (var e : nodes.entrySet()) {
                if (e.getValue().group().status().role() == GroupStatus.Role.LEADER) {
                    return e.getKey();
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no leader within " + WAIT);
    }

    private static void awaitAllocator(MetagroupNode leader) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!leader.surrogates().isActive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private MetagroupNode anyNode() {
        List<MetagroupNode> live = new ArrayList<>(nodes.values());
        return live.get(Math.floorMod(System.nanoTime(), live.size()));
    }

    void closeAllForTest() {
        closeAll();
    }

    private void closeAll() {
        nodes.values().forEach(MetagroupNode::close);
        nodes.clear();
    }

    private static Bytes bytes(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Stops every node however the script ends. */
    private record Closer(ThreeNodeCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.closeAll();
        }
    }
}
