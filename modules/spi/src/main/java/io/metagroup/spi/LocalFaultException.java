package io.metagroup.spi;

/**
 * Thrown by an applier when its own durable store fails (disk full, fsync, a corrupt file). The node stops
 * applying at the current index, reports unhealthy, and replays from its durable index after a restart. Never
 * thrown for a rule of apply: that is a {@link Outcome.Rejected}.
 */
public class LocalFaultException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A fault with a message naming what failed. */
    public LocalFaultException(String message) {
        super(message);
    }

    /** A fault with a message naming what failed, and its cause. */
    public LocalFaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
