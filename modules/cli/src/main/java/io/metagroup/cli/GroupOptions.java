package io.metagroup.cli;

import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.client.ClientOptions;
import io.metagroup.runtime.ConfigException;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.NodeConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import picocli.CommandLine.Option;

/** How a command reaches a running group: its members and name, from flags or a node's config file. */
final class GroupOptions {
    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...", description = "the group's members")
    String peers;

    @Option(names = "--cluster", paramLabel = "NAME", description = "cluster name (default: from --config, else "
            + NodeConfig.DEFAULT_CLUSTER_NAME + ")")
    String cluster;

    @Option(names = "--config", paramLabel = "FILE", description = "a node's properties file: its cluster.peers and cluster.name")
    Path config;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "how long to wait for a member to answer (default: ${DEFAULT-VALUE})")
    String timeout;

    /** A client of the group these options name, whose proposals give up after {@code proposeTimeout}. */
    MetadataClient open(Duration proposeTimeout) throws UsageException {
        Map<String, String> file = Map.of();
        try {
            if (config != null) {
                file = NodeConfigs.readFile(config);
            }
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        try {
            SortedMap<Long, String> members;
            if (peers != null) {
                members = Values.peers(peers, "--peers");
            } else if (config != null && !file.getOrDefault("cluster.peers", "").isBlank()) {
                members = Values.peers(file.get("cluster.peers"), "cluster.peers in " + config);
            } else if (config != null) {
                throw new IllegalArgumentException(config + " has no cluster.peers (a joining node's config?): give --peers"
                        + " ID=HOST:PORT,...");
            } else {
                throw new IllegalArgumentException("no members to reach: give --peers ID=HOST:PORT,... or --config FILE"
                        + " (a node's config with cluster.peers)");
            }
            String name = cluster != null ? cluster : file.getOrDefault("cluster.name", NodeConfig.DEFAULT_CLUSTER_NAME);
            Duration answer = Values.duration(timeout, "--timeout");
            if (answer.isZero() || answer.isNegative()) {
                throw new IllegalArgumentException("--timeout must be positive, got '" + timeout + "'");
            }
            return MetadataClient.open(name, members, ClientOptions.defaults().withAnswerTimeout(answer)
                    .withProposeTimeout(proposeTimeout));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
