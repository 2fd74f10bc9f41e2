package io.metagroup.raft;

/** A linearizable read that could not be served: no leader confirmed, a timeout, or apply halted on this node. */
public final class ReadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failed read, with what went wrong. */
    public ReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
