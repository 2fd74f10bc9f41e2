package io.metagroup.runtime;

/** A node that cannot start; the message says what is wrong and how to fix it. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A start-up failure described by {@code message}. */
    public StartupException(String message) {
        super(message);
    }

    /** A start-up failure described by {@code message}, with its cause. */
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
