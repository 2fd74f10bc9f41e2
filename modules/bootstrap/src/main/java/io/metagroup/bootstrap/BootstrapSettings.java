package io.metagroup.bootstrap;

import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.NodeConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The node settings of joining, under the join-token plugin's prefix so that a node config accepts them:
 * <ul>
 *   <li>{@value #LISTEN}: {@code host:port} of the bootstrap endpoint; without it the node serves none</li>
 *   <li>{@value #SERVER_KEY}, {@value #SERVER_CERT}: the endpoint's PEM key and certificate chain; default the
 *       node's {@code tls.key} and {@code tls.cert}</li>
 *   <li>{@value #CA_KEY}, {@value #CA_CERT}: the cluster CA's PEM key and certificate; a node with them issues
 *       joiners' certificates, a node without refuses joins</li>
 *   <li>{@value #DEAD_MAN}: how long a join may stay in flight before the leader reverts it (default 60s)</li>
 *   <li>{@value #SWEEP_INTERVAL}: how often the leader looks for expired and abandoned tokens (default 1s)</li>
 *   <li>{@value #CERT_VALIDITY}: validity of an issued certificate (default 365d)</li>
 * </ul>
 *
 * @param listen        the endpoint's {@code host:port}, if any
 * @param serverKey     the endpoint's private key file
 * @param serverCert    the endpoint's certificate chain file
 * @param caKey         the CA's private key file
 * @param caCert        the CA's certificate file
 * @param deadMan       dead-man timeout of a join in flight
 * @param sweepInterval period of the leader's sweeps
 * @param certValidity  validity of issued certificates
 */
public record BootstrapSettings(Optional<String> listen, Optional<Path> serverKey, Optional<Path> serverCert,
                                Optional<Path> caKey, Optional<Path> caCert, Duration deadMan,
                                Duration sweepInterval, Duration certValidity) {
    private static final String PREFIX = "plugin.join-token.";
    /** Setting: {@code host:port} of the bootstrap endpoint. */
    public static final String LISTEN = PREFIX + "bootstrap-listen";
    /** Setting: the endpoint's PEM private key (default {@code tls.key}). */
    public static final String SERVER_KEY = PREFIX + "bootstrap-key";
    /** Setting: the endpoint's PEM certificate chain (default {@code tls.cert}). */
    public static final String SERVER_CERT = PREFIX + "bootstrap-cert";
    /** Setting: the cluster CA's PEM private key, for issuing joiners' certificates. */
    public static final String CA_KEY = PREFIX + "ca-key";
    /** Setting: the cluster CA's PEM certificate. */
    public static final String CA_CERT = PREFIX + "ca-cert";
    /** Setting: dead-man timeout of a join in flight. */
    public static final String DEAD_MAN = PREFIX + "dead-man";
    /** Setting: period of the leader's token sweeps. */
    public static final String SWEEP_INTERVAL = PREFIX + "sweep-interval";
    /** Setting: validity of issued certificates. */
    public static final String CERT_VALIDITY = PREFIX + "cert-validity";

    public BootstrapSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(serverKey, "serverKey");
        Objects.requireNonNull(serverCert, "serverCert");
        Objects.requireNonNull(caKey, "caKey");
        Objects.requireNonNull(caCert, "caCert");
        positive(deadMan, DEAD_MAN);
        positive(sweepInterval, SWEEP_INTERVAL);
        positive(certValidity, CERT_VALIDITY);
        if (caKey.isPresent() != caCert.isPresent()) {
            throw new IllegalArgumentException(CA_KEY + " and " + CA_CERT + " go together; only "
                    + (caKey.isPresent() ? CA_KEY : CA_CERT) + " is set");
        }
        if (listen.isPresent() && (serverKey.isEmpty() || serverCert.isEmpty())) {
            throw new IllegalArgumentException("the bootstrap endpoint (" + LISTEN + ") serves TLS: give the node "
                    + "tls.key and tls.cert, or " + SERVER_KEY + " and " + SERVER_CERT);
        }
    }

    /**
     * The settings of {@code config}.
     *
     * @throws IllegalArgumentException naming a setting whose value is malformed or that lacks its partner
     */
    public static BootstrapSettings of(NodeConfig config) {
        Map<String, String> s = config.settings();
        Optional<String> listen = Optional.ofNullable(s.get(LISTEN)).map(a -> {
            try {
                return NodeConfigs.checkAddress(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LISTEN + ": " + e.getMessage(), e);
            }
        });
        Optional<Path> key = path(s, SERVER_KEY).or(() -> config.tls().map(NodeConfig.Tls::key));
        Optional<Path> cert = path(s, SERVER_CERT).or(() -> config.tls().map(NodeConfig.Tls::cert));
        return new BootstrapSettings(listen, key, cert, path(s, CA_KEY), path(s, CA_CERT),
                duration(s, DEAD_MAN, Duration.ofSeconds(60)), duration(s, SWEEP_INTERVAL, Duration.ofSeconds(1)),
                duration(s, CERT_VALIDITY, Duration.ofDays(365)));
    }

    private static Optional<Path> path(Map<String, String> s, String key) {
        return Optional.ofNullable(s.get(key)).filter(v -> !v.isBlank()).map(Path::of);
    }

    private static Duration duration(Map<String, String> s, String key, Duration fallback) {
        String value = s.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return NodeConfigs.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static void positive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
    }
}
