package io.metagroup.core;

import java.io.IOException;

/** A snapshot or peer whose plugin set (ids and versions) differs from this node's. */
public final class PluginSetMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A mismatch described by {@code message}, which names both sets. */
    public PluginSetMismatchException(String message) {
        super(message);
    }
}
