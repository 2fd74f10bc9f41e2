package io.metagroup.bootstrap;

import java.util.Objects;

/** A join that did not happen, with the reason in a word ({@link #reason()}) and in a sentence (the message). */
public final class JoinException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a join was refused or failed. */
    public enum Reason {
        /** No registered token matches: an unknown token id or a wrong secret (a forged token looks the same). */
        UNKNOWN_TOKEN,
        /** The token's time to live ran out. */
        EXPIRED,
        /** An operator aborted the token. */
        ABORTED,
        /** The token was used by a joiner already. */
        CONSUMED,
        /** Another joiner is using the token right now. */
        IN_USE,
        /** The node id or address is taken by a member of the group. */
        NODE_CONFLICT,
        /** The request is malformed: a bad CSR, address or encoding. */
        BAD_REQUEST,
        /** The node asked holds no CA signing key and cannot issue the joiner's certificate. */
        NO_ISSUER,
        /** The group did not commit the join in time, or the endpoint cannot be reached. */
        UNAVAILABLE,
        /** The server's certificate does not chain to the pinned CA: nothing was sent. */
        UNTRUSTED_SERVER,
        /** The reply's MAC, CA or certificate does not check out: it was not made by a holder of the token. */
        FORGED_REPLY
    }

    private final Reason reason;

    /** A failure for {@code reason} described by {@code message}. */
    public JoinException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A failure for {@code reason} described by {@code message}, with its cause. */
    public JoinException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The reason in a word. */
    public Reason reason() {
        return reason;
    }
}
