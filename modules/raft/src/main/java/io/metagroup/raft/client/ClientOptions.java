package io.metagroup.raft.client;

import io.metagroup.raft.PeerTls;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Timeouts of a {@link io.metagroup.raft.MetadataClient}.
 *
 * @param answerTimeout  how long to wait for a member to answer a query (status, read, a watch page) before the
 *                       member counts as unreachable; when no member answers within it the group is unreachable
 * @param requestTimeout how long one Raft request (a proposal record, a read barrier) may take before the Ratis
 *                       client tries again, possibly at another member
 * @param proposeTimeout how long {@code propose} waits before failing with a retryable timeout
 * @param tls            mutual TLS to the members (the client's own key and certificate, and whom it trusts), or
 *                       empty for plain gRPC
 */
public record ClientOptions(Duration answerTimeout, Duration requestTimeout, Duration proposeTimeout,
                            Optional<PeerTls> tls) {
    public ClientOptions {
        Objects.requireNonNull(tls, "tls");
        positive(answerTimeout, "answerTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(proposeTimeout, "proposeTimeout");
    }

    /** Options for plain gRPC. */
    public ClientOptions(Duration answerTimeout, Duration requestTimeout, Duration proposeTimeout) {
        this(answerTimeout, requestTimeout, proposeTimeout, Optional.empty());
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Answers within 5 s, Raft requests of 3 s, proposals given up after 30 s. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(30));
    }

    /** A copy that waits {@code timeout} for answers. */
    public ClientOptions withAnswerTimeout(Duration timeout) {
        return new ClientOptions(timeout, requestTimeout, proposeTimeout, tls);
    }

    /** A copy whose proposals give up after {@code timeout}. */
    public ClientOptions withProposeTimeout(Duration timeout) {
        return new ClientOptions(answerTimeout, requestTimeout, timeout, tls);
    }

    /** A copy that reaches the members over mutual TLS {@code clientTls}. */
    public ClientOptions withTls(PeerTls clientTls) {
        return new ClientOptions(answerTimeout, requestTimeout, proposeTimeout, Optional.of(clientTls));
    }

    /** How long a linearizable read may take: twice the Raft request timeout, and at least the answer timeout. */
    public Duration readTimeout() {
        Duration twice = requestTimeout.multipliedBy(2);
        return twice.compareTo(answerTimeout) >= 0 ? twice : answerTimeout;
    }
}
