package io.metagroup.cli;

import io.metagroup.bootstrap.Bootstrap;
import io.metagroup.runtime.ConfigException;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.NodeConfigs;
import io.metagroup.runtime.StartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code metagroup node}: runs one node until SIGTERM or SIGINT, then stops it cleanly. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a Metagroup node in this process until it is stopped (SIGTERM/SIGINT).")
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "a properties file of node settings; flags override it")
    Path config;

    @Option(names = "--id", description = "node id (node.id)")
    String id;

    @Option(names = "--listen", description = "HOST:PORT the Raft server binds (node.listen)")
    String listen;

    @Option(names = "--peers", description = "initial voters ID=HOST:PORT,... (cluster.peers); none to join a running group")
    String peers;

    @Option(names = "--data-dir", description = "this node's own directory (node.data-dir)")
    String dataDir;

    @Option(names = "--cluster", description = "cluster name (cluster.name)")
    String cluster;

    @Option(names = "--election-timeout", description = "e.g. 300ms (raft.election-timeout)")
    String electionTimeout;

    @Option(names = "--request-timeout", description = "e.g. 3s (raft.request-timeout)")
    String requestTimeout;

    @Option(names = "--no-discovery", description = "do not load plugins with ServiceLoader")
    boolean noDiscovery;

    @Option(names = "--set", description = "a plugin setting plugin.<id>.<key>=VALUE (repeatable)")
    Map<String, String> sets = new TreeMap<>();

    @Option(names = "--join", paramLabel = "HOST:PORT",
            description = "join a running group through this bootstrap endpoint first (needs --token-file)")
    String join;

    @Option(names = "--token-file", paramLabel = "FILE", description = "the join token, as 'metagroup token create' wrote it")
    Path tokenFile;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        NodeConfig nodeConfig = config();
        if (join != null) {
            nodeConfig = JoinStep.prepare(nodeConfig, join, tokenFile, spec.commandLine().getOut());
        }
        MetagroupNode node = MetagroupNode.create(nodeConfig);
        Bootstrap[] bootstrap = new Bootstrap[1];
        Thread hook = new Thread(() -> {
            if (bootstrap[0] != null) {
                bootstrap[0].close();
            }
            node.close();
            stopped.countDown();
        }, "metagroup-shutdown");
        try {
            node.start();
            bootstrap[0] = Bootstrap.start(node);
        } catch (StartupException | IOException | IllegalArgumentException e) {
            node.close();
            throw new UsageException(e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().printf("node %s listening on %s, data dir %s, plugins %s%n",
                Long.toUnsignedString(nodeConfig.nodeId()), nodeConfig.listen(), nodeConfig.dataDir(),
                node.plugins().stream().map(p -> p.id() + "@" + p.version()).toList());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private NodeConfig config() throws UsageException {
        Map<String, String> flags = new TreeMap<>();
        put(flags, "node.id", id);
        put(flags, "node.listen", listen);
        put(flags, "cluster.peers", peers);
        put(flags, "node.data-dir", dataDir);
        put(flags, "cluster.name", cluster);
        put(flags, "raft.election-timeout", electionTimeout);
        put(flags, "raft.request-timeout", requestTimeout);
        if (noDiscovery) {
            flags.put("plugins.discovery", "false");
        }
        flags.putAll(sets);
        try {
            Map<String, String> file = config == null ? Map.of() : NodeConfigs.readFile(config);
            return NodeConfigs.from(file, flags, config == null ? "flags" : config + " and flags");
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
