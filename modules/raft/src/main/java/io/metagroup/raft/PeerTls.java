package io.metagroup.raft;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Mutual TLS for the Ratis gRPC traffic of a node (server, client and admin services, and the connections it opens
 * to its peers) or of a {@link MetadataClient}.
 *
 * <p>The key and trust managers are used for every handshake, so a trust manager that changes what it trusts (the
 * {@code tls-trust} plugin's) reaches new connections without a restart. Connections already up keep the peer they
 * verified: a node's gRPC server therefore ends every inbound connection after {@code maxConnectionAge} (gRPC's
 * max connection age: a GOAWAY, then {@code maxConnectionAgeGrace} for calls in flight, after which they are
 * cancelled and Ratis reconnects), so a peer that is no longer trusted is cut off within their sum. Both are
 * ignored by a client, which only dials.
 *
 * <p>Peers are dialled by the host of their {@code host:port} address and gRPC verifies it against the certificate
 * (endpoint identification), so each node's certificate names the host or IP address its peers use.
 *
 * @param keyManager            presents this side's certificate chain (a node's own key and certificate)
 * @param trustManager          judges the other side's chain
 * @param maxConnectionAge      a node's server ends each inbound connection after this long
 * @param maxConnectionAgeGrace how long calls in flight may run on after that
 */
public record PeerTls(KeyManager keyManager, TrustManager trustManager, Duration maxConnectionAge,
                      Duration maxConnectionAgeGrace) {

    /** The default maximum age of a connection: a removed CA stops being trusted within about this long. */
    public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofMinutes(5);
    /** The default grace for calls in flight on a connection past its age. */
    public static final Duration DEFAULT_MAX_CONNECTION_AGE_GRACE = Duration.ofSeconds(10);

    public PeerTls {
        Objects.requireNonNull(keyManager, "keyManager");
        Objects.requireNonNull(trustManager, "trustManager");
        positive(maxConnectionAge, "maxConnectionAge");
        positive(maxConnectionAgeGrace, "maxConnectionAgeGrace");
    }

    /** Mutual TLS with {@code keyManager} and {@code trustManager}, connections recycled after the defaults. */
    public static PeerTls of(KeyManager keyManager, TrustManager trustManager) {
        return new PeerTls(keyManager, trustManager, DEFAULT_MAX_CONNECTION_AGE, DEFAULT_MAX_CONNECTION_AGE_GRACE);
    }

    /** A copy whose node ends inbound connections after {@code age}, with {@code grace} for calls in flight. */
    public PeerTls withMaxConnectionAge(Duration age, Duration grace) {
        return new PeerTls(keyManager, trustManager, age, grace);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    @Override
    public String toString() {
        return "PeerTls[maxConnectionAge=" + maxConnectionAge + ", grace=" + maxConnectionAgeGrace + "]";
    }
}
