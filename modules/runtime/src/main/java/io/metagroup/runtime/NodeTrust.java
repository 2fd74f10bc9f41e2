package io.metagroup.runtime;

import io.metagroup.core.MetadataCore;
import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.tls.PemFiles;
import io.metagroup.plugin.tls.ReloadingTrustManager;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSet;
import io.metagroup.plugin.tls.TrustSource;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.PeerTls;
import io.metagroup.spi.ApplierPlugin;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's mutual TLS when its config names a key, a certificate and a trust directory: the key material read
 * and checked at start, trust that follows the {@code tls-trust} plugin's replicated trust set live, and the first
 * leader's proposal of the trust directory's CAs while that set is still empty.
 *
 * <p>Settings: {@code plugin.tls-trust.trust-dir} is set to the configured trust directory;
 * {@code plugin.tls-trust.max-connection-age} (for example {@code 5m}) bounds how long a peer's connection lives,
 * and so how long a removed CA's certificates stay connected; its grace for calls in flight is a tenth of it, 1 s at
 * least and 10 s at most.
 */
@Singleton
final class NodeTrust {
    private static final Logger LOG = LoggerFactory.getLogger(NodeTrust.class);
    static final String TRUST_DIR_KEY = "plugin." + TlsTrust.PLUGIN_ID + "." + TlsTrust.TRUST_DIR_SETTING;
    static final String MAX_AGE_KEY = "plugin." + TlsTrust.PLUGIN_ID + ".max-connection-age";

    private final NodeConfig config;
    private PeerTls peerTls;
    private ReloadingTrustManager trust;
    private List<X509Certificate> chain;
    private final AtomicBoolean bootstrapping = new AtomicBoolean();

    @Inject
    NodeTrust(NodeConfig config) {
        this.config = config;
    }

    /** The node settings with the trust directory for the plugin. */
    Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>(config.settings());
        config.tls().ifPresent(tls -> {
            String dir = tls.trustDir().toString();
            String set = settings.putIfAbsent(TRUST_DIR_KEY, dir);
            if (set != null && !set.equals(dir)) {
                throw new StartupException("tls.trust-dir " + dir + " and setting " + TRUST_DIR_KEY + "=" + set
                        + " name different trust directories; set one of them");
            }
        });
        return settings;
    }

    /**
     * The TLS of the node's Raft traffic, read from the configured files on first use.
     *
     * @throws StartupException naming the file when a key or certificate is missing or unusable, or the trust
     *                          directory holds no CA, or {@code plugins} lack the tls-trust plugin
     */
    synchronized Optional<PeerTls> peerTls(List<ApplierPlugin> plugins) {
        if (config.tls().isEmpty()) {
            return Optional.empty();
        }
        if (plugins.stream().noneMatch(p -> p.id().equals(TlsTrust.PLUGIN_ID))) {
            throw new StartupException("TLS of node " + Long.toUnsignedString(config.nodeId()) + " needs the "
                    + TlsTrust.PLUGIN_ID + " plugin, which this node does not run");
        }
        if (peerTls == null) {
            NodeConfig.Tls tls = config.tls().get();
            X509KeyManager keys;
            TrustSet seed;
            try {
                keys = TlsTrust.keyManager(tls.key(), tls.cert());
                chain = PemFiles.readCertificates(tls.cert());
                seed = TlsTrust.readTrustDir(tls.trustDir());
            } catch (IOException e) {
                throw new StartupException("TLS of node " + Long.toUnsignedString(config.nodeId()) + ": "
                        + e.getMessage(), e);
            }
            if (seed.isEmpty()) {
                throw new StartupException("TLS of node " + Long.toUnsignedString(config.nodeId()) + ": the trust "
                        + "directory " + tls.trustDir() + " holds no CA certificate (*.crt); put the cluster CA's "
                        + "PEM certificate there");
            }
            trust = new ReloadingTrustManager(seed);
            Duration age = maxConnectionAge();
            Duration grace = Duration.ofMillis(Math.max(1000, Math.min(10_000, age.toMillis() / 10)));
            peerTls = new PeerTls(keys, trust, age, grace);
        }
        return Optional.of(peerTls);
    }

    private Duration maxConnectionAge() {
        String text = config.settings().get(MAX_AGE_KEY);
        if (text == null) {
            return PeerTls.DEFAULT_MAX_CONNECTION_AGE;
        }
        try {
            Duration age = NodeConfigs.parseDuration(text);
            if (age.isZero() || age.isNegative()) {
                throw new IllegalArgumentException("it must be positive");
            }
            return age;
        } catch (IllegalArgumentException e) {
            throw new StartupException("setting " + MAX_AGE_KEY + "='" + text + "' is not a duration such as 30s or"
                    + " 5m: " + e.getMessage(), e);
        }
    }

    /**
     * Once the group runs: trust follows the plugin's live trust set from now on, and the node's own certificate
     * counts among the members' for the leader's advisory check.
     */
    synchronized void follow(MetadataCore core) {
        if (trust != null) {
            trust.follow(source(core).trustManager());
            trust.presenting(chain);
        }
    }

    /**
     * On the leader: while the replicated trust set is empty, proposes the trust directory's CAs (one batch); the
     * plugin offers nothing to propose once the set holds a CA. Runs one proposal at a time.
     */
    void bootstrap(MetadataGroup group) {
        if (config.tls().isEmpty() || !bootstrapping.compareAndSet(false, true)) {
            return;
        }
        List<MetadataEntry.CaTrustChange> seed = source(group.core()).bootstrapProposals();
        if (seed.isEmpty()) {
            bootstrapping.set(false);
            return;
        }
        group.propose(new MetadataEntry.Batch(List.copyOf(seed))).whenComplete((result, error) -> {
            if (error != null) {
                LOG.warn("node {}: proposing the trust directory's CAs failed (the next leadership retries): {}",
                        Long.toUnsignedString(config.nodeId()), error.toString());
            } else {
                LOG.info("node {}: the trust set now holds the trust directory's {} CA(s): {}",
                        Long.toUnsignedString(config.nodeId()), seed.size(), result.outcome());
            }
            bootstrapping.set(false);
        });
    }

    private static TrustSource source(MetadataCore core) {
        try {
            return core.applier(TlsTrust.PLUGIN_ID, TrustSource.class);
        } catch (IllegalArgumentException e) {
            throw new StartupException("TLS needs the " + TlsTrust.PLUGIN_ID + " plugin: " + e.getMessage(), e);
        }
    }
}
