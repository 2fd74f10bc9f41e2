package io.metagroup.cli;

import io.metagroup.bootstrap.Bootstrap;
import io.metagroup.bootstrap.BootstrapSettings;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.StartupException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three nodes in this JVM, as {@code metagroup node} runs them: peers speak mutual TLS with certificates of the test
 * CA, which each node's bootstrap endpoint presents too, and each holds the CA key; free 127.0.0.1 ports, the whole
 * start retried when one was taken.
 */
final class JoiningGroup implements AutoCloseable {
    static final String CLUSTER = "cli-join";
    static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(1);

    final TreeMap<Long, String> peers = new TreeMap<>();
    final TreeMap<Long, String> endpoints = new TreeMap<>();
    final List<MetagroupNode> nodes = new ArrayList<>();
    /** Each node's [key, certificate] files. */
    final TreeMap<Long, Path[]> keys = new TreeMap<>();
    private final List<Bootstrap> bootstraps = new ArrayList<>();

    static JoiningGroup start(Path root, TestCaFiles ca) throws Exception {
        for (int attempt = 0; ; attempt++) {
            JoiningGroup group = new JoiningGroup();
            try {
                group.startNodes(root.resolve("try" + attempt), ca);
                return group;
            } catch (StartupException | BindException e) {
                group.close();
                if (attempt >= 4 || !(e instanceof BindException || e.getMessage().contains("in use"))) {
                    throw e;
                }
            }
        }
    }

    private void startNodes(Path root, TestCaFiles ca) throws Exception {
        for (long id = 1; id <= 3; id++) {
            peers.put(id, "127.0.0.1:" + InJvmGroup.freePort());
            endpoints.put(id, "127.0.0.1:" + InJvmGroup.freePort());
        }
        Path pki = Files.createDirectories(root.resolve("pki"));
        for (long id = 1; id <= 3; id++) {
            Path[] files = ca.nodeFiles(pki, id, endpoints.get(id));
            TreeMap<String, String> settings = new TreeMap<>();
            settings.put(BootstrapSettings.LISTEN, endpoints.get(id));
            Path trustDir = Files.createDirectories(pki.resolve("n" + id + "-ca.d"));
            Files.copy(ca.certFile(), trustDir.resolve("cluster-ca.crt"));
            keys.put(id, files);
            settings.put(BootstrapSettings.CA_KEY, ca.keyFile().toString());
            settings.put(BootstrapSettings.CA_CERT, ca.certFile().toString());
            NodeConfig config = new NodeConfig(id, peers.get(id), new TreeMap<>(peers), CLUSTER,
                    root.resolve("n" + id), Optional.of(new NodeConfig.Tls(files[0], files[1], trustDir)),
                    ELECTION_TIMEOUT, NodeConfig.DEFAULT_REQUEST_TIMEOUT,
                    settings, true);
            MetagroupNode node = MetagroupNode.create(config).start();
            nodes.add(node);
            bootstraps.add(Bootstrap.start(node));
        }
        for (MetagroupNode node : nodes) {
            node.group().ready().get(60, TimeUnit.SECONDS);
        }
    }

    String peersFlag() {
        return peers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        bootstraps.forEach(Bootstrap::close);
        bootstraps.clear();
        nodes.forEach(MetagroupNode::close);
        nodes.clear();
    }
}
