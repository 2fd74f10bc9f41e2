package io.metagroup.raft;

import io.metagroup.model.IdempotencyKey;
import java.util.Optional;

/**
 * A proposal that did not reach the log, or whose fate is unknown. {@link #kind()} says which; a
 * {@link Kind#retryable() retryable} failure may be proposed again with the same {@link #key()}, and the dedup table
 * makes sure it is applied at most once.
 *
 * <p>A proposal that reached the log and was refused by a rule of apply is not an exception: it completes with a
 * {@link io.metagroup.spi.Outcome.Rejected} outcome.
 */
public final class ProposalException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a proposal failed. */
    public enum Kind {
        /** Refused at the door: the encoded entry or record is above a codec limit. */
        OVERSIZED(false),
        /** Refused at the door: the bytes are not a valid record (truncated, unknown tag, bad value). */
        MALFORMED(false),
        /** Refused at the door: a stateless check of an applier refused the entry. */
        INVALID(false),
        /** Refused at the door: encoded at a wire version this node does not support. */
        UNSUPPORTED_VERSION(false),
        /** This node, or the leader, stopped applying after a local fault. */
        FAULTED(true),
        /** No answer in time; the proposal may or may not be applied. */
        TIMEOUT(true),
        /** The group could not be reached (no leader, shutting down peer). */
        UNAVAILABLE(true),
        /** This handle is closed. */
        CLOSED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** True when proposing again with the same key is safe and may succeed. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final transient IdempotencyKey key;

    /** A failure of {@code kind} for the proposal with {@code key} (null when not about one proposal). */
    public ProposalException(Kind kind, IdempotencyKey key, String message) {
        super(kind + (key != null ? " (proposal " + key + ")" : "") + ": " + message);
        this.kind = kind;
        this.key = key;
    }

    /** A failure with a cause. */
    public ProposalException(Kind kind, IdempotencyKey key, String message, Throwable cause) {
        this(kind, key, message);
        initCause(cause);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The key of the proposal, to retry it with. */
    public Optional<IdempotencyKey> key() {
        return Optional.ofNullable(key);
    }
}
