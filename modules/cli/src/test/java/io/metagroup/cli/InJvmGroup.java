package io.metagroup.cli;

import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A group of real nodes (the built-in plugins, found by discovery) on free 127.0.0.1 ports in this JVM, for the
 * client commands to talk to. The whole start is retried when a port was taken meanwhile.
 */
final class InJvmGroup implements AutoCloseable {
    static final String CLUSTER = "cli-test";

    private final Map<Long, String> peers;
    private final Map<Long, Path> dataDirs = new TreeMap<>();
    private final List<MetagroupNode> nodes = new ArrayList<>();

    private InJvmGroup(Map<Long, String> peers) {
        this.peers = peers;
    }

    static InJvmGroup start(Path root, int n) throws Exception {
        for (int attempt = 0; ; attempt++) {
            Map<Long, String> peers = new TreeMap<>();
            for (long id = 1; id <= n; id++) {
                peers.put(id, "127.0.0.1:" + freePort());
            }
            InJvmGroup group = new InJvmGroup(peers);
            try {
                for (long id = 1; id <= n; id++) {
                    Path dir = root.resolve("try" + attempt).resolve("n" + id);
                    NodeConfig base = NodeConfig.of(id, peers.get(id), peers, dir);
                    NodeConfig config = new NodeConfig(id, base.listen(), base.peers(), CLUSTER, dir, Optional.empty(),
                            base.electionTimeout(), base.requestTimeout(), base.settings(), true);
                    group.dataDirs.put(id, dir);
                    group.nodes.add(MetagroupNode.create(config).start());
                }
                for (MetagroupNode node : group.nodes) {
                    node.group().ready().get(60, TimeUnit.SECONDS);
                }
                return group;
            } catch (StartupException e) {
                group.close();
                if (attempt >= 4 || !e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --peers} of this group. */
    String peersFlag() {
        return peers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The command and the flags that reach this group, followed by {@code more}. */
    String[] args(String command, String... more) {
        // a generous --timeout: the group runs, and a busy machine may be slow to answer
        List<String> all = new ArrayList<>(List.of(command, "--peers", peersFlag(), "--cluster", CLUSTER, "--timeout", "30s"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    Path dataDir(long id) {
        return dataDirs.get(id);
    }

    List<MetagroupNode> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(MetagroupNode::close);
    }
}
