package io.metagroup.cli;

import io.metagroup.plugin.tls.ReloadingTrustManager;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSet;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.PeerTls;
import io.metagroup.raft.client.ClientOptions;
import io.metagroup.runtime.ConfigException;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.NodeConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key (PKCS#8) of this client's certificate, for a group that speaks mutual TLS"
                    + " (default: tls.key of --config)")
    Path tlsKey;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate (chain) of this client, issued by a CA the group trusts (default: tls.cert"
                    + " of --config)")
    Path tlsCert;

    @Option(names = "--tls-ca", paramLabel = "FILE|DIR",
            description = "the CAs this client trusts the members by: a PEM file of CA certificates or a directory of"
                    + " *.crt files (default: tls.trust-dir of --config)")
    Path tlsCa;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "how long to wait for a member to answer (default: ${DEFAULT-VALUE})")
    String timeout;

    /**
     * Mutual TLS from the flags, each falling back to the config file's {@code tls.key}, {@code tls.cert},
     * {@code tls.trust-dir}; empty when neither names a key or certificate.
     */
    private Optional<PeerTls> tls(Map<String, String> file) throws UsageException {
        Path key = tlsKey != null ? tlsKey : fromFile(file, "tls.key");
        Path cert = tlsCert != null ? tlsCert : fromFile(file, "tls.cert");
        Path cas = tlsCa != null ? tlsCa : fromFile(file, "tls.trust-dir");
        if (key == null && cert == null) {
            if (tlsCa != null) {
                throw new UsageException("--tls-ca needs --tls-key and --tls-cert too (the group asks every client for"
                        + " a certificate)", null);
            }
            return Optional.empty();
        }
        if (key == null || cert == null || cas == null) {
            throw new UsageException("mutual TLS needs a key, a certificate and the trusted CAs: give --tls-key, "
                    + "--tls-cert and --tls-ca (or a --config with tls.key, tls.cert and tls.trust-dir)", null);
        }
        try {
            TrustSet trusted = TlsTrust.readTrustedCas(cas);
            if (trusted.isEmpty()) {
                throw new UsageException(cas + " holds no CA certificate to trust the members by", null);
            }
            return Optional.of(PeerTls.of(TlsTrust.keyManager(key, cert), new ReloadingTrustManager(trusted)));
        } catch (IOException e) {
            throw new UsageException("TLS: " + e.getMessage(), e);
        }
    }

    private static Path fromFile(Map<String, String> file, String key) {
        String value = file.get(key);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

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
            ClientOptions options = ClientOptions.defaults().withAnswerTimeout(answer).withProposeTimeout(proposeTimeout);
            Optional<PeerTls> tls = tls(file);
            return MetadataClient.open(name, members, tls.map(options::withTls).orElse(options));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
