package io.metagroup.runtime;

/** A node configuration that cannot be used; the message names the setting, the value and how to fix it. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A configuration error described by {@code message}. */
    public ConfigException(String message) {
        super(message);
    }

    /** A configuration error described by {@code message}, with its cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
