package io.metagroup.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a node is started from. Built by {@link NodeConfigs} from flags and a config file, or by a host in
 * code.
 *
 * @param nodeId          this node's id (unsigned 64-bit)
 * @param listen          {@code host:port} this node's Raft server binds
 * @param peers           the group's initial voters by node id, {@code host:port} each, this node included; empty
 *                        for a node that joins a running group
 * @param clusterName     names the group; every node of a cluster uses the same
 * @param dataDir         this node's directory
 * @param tls             mutual TLS between peers, or empty for plain gRPC on a trusted loopback or network
 * @param electionTimeout lower bound of the Raft election timeout; the upper is twice it
 * @param requestTimeout  how long one Raft request may take
 * @param settings        {@code plugin.<id>.<key>} settings for plugins, key-sorted
 * @param discovery       find plugins with ServiceLoader (on by default); off for a host that adds them by hand
 */
public record NodeConfig(long nodeId, String listen, SortedMap<Long, String> peers, String clusterName, Path dataDir,
                         Optional<Tls> tls, Duration electionTimeout, Duration requestTimeout,
                         SortedMap<String, String> settings, boolean discovery) {

    /** Default Raft election timeout lower bound (trials on two cores wanted at least 300 ms). */
    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(300);
    /** Default Raft request timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** Default cluster name. */
    public static final String DEFAULT_CLUSTER_NAME = "metagroup";

    /**
     * Key material for mutual TLS between peers.
     *
     * @param key      PEM private key of this node
     * @param cert     PEM certificate chain of this node
     * @param trustDir directory of trusted CA certificates ({@code ca.d/})
     */
    public record Tls(Path key, Path cert, Path trustDir) {
        public Tls {
            Objects.requireNonNull(key, "tls.key");
            Objects.requireNonNull(cert, "tls.cert");
            Objects.requireNonNull(trustDir, "tls.trustDir");
        }
    }

    public NodeConfig {
        Objects.requireNonNull(listen, "listen");
        peers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(peers, "peers")));
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(electionTimeout, "electionTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        settings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(settings, "settings")));
    }

    /** A plain (no TLS) node with default timeouts, discovery on. */
    public static NodeConfig of(long nodeId, String listen, Map<Long, String> peers, Path dataDir) {
        return new NodeConfig(nodeId, listen, new TreeMap<>(peers), DEFAULT_CLUSTER_NAME, dataDir, Optional.empty(),
                DEFAULT_ELECTION_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, new TreeMap<>(), true);
    }

    /** True when the node starts outside the group and waits to be added. */
    public boolean joining() {
        return peers.isEmpty();
    }
}
