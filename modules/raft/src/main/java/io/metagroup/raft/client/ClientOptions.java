package io.metagroup.raft.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of a {@link io.metagroup.raft.MetadataClient}.
 *
 * @param answerTimeout  how long to wait for a member to answer a query (status, read, a watch page) before the
 *                       member counts as unreachable; when no member answers within it the group is unreachable
 * @param requestTimeout how long one Raft request (a proposal record, a read barrier) may take before the Ratis
 *                       client tries again, possibly at another member
 * @param proposeTimeout how long {@code propose} waits before failing with a retryable timeout
 */
public record ClientOptions(Duration answerTimeout, Duration requestTimeout, Duration proposeTimeout) {
    public ClientOptions {
        positive(answerTimeout, "answerTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(proposeTimeout, "proposeTimeout");
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
        return new ClientOptions(timeout, requestTimeout, proposeTimeout);
    }

    /** A copy whose proposals give up after {@code timeout}. */
    public ClientOptions withProposeTimeout(Duration timeout) {
        return new ClientOptions(answerTimeout, requestTimeout, timeout);
    }

    /** How long a linearizable read may take: twice the Raft request timeout, and at least the answer timeout. */
    public Duration readTimeout() {
        Duration twice = requestTimeout.multipliedBy(2);
        return twice.compareTo(answerTimeout) >= 0 ? twice : answerTimeout;
    }
}
