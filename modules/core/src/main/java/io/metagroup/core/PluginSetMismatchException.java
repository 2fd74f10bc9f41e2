package io.metagroup.core;

import java.io.IOException;
import java.util.List;

/** A snapshot or peer whose plugin set (ids and versions) differs from this node's. */
public final class PluginSetMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A mismatch described by {@code message}, which names both sets. */
    public PluginSetMismatchException(String message) {
        super(message);
    }

    /** A mismatch between the plugin set found in {@code where} and this node's; the message names both. */
    public PluginSetMismatchException(String where, List<PluginInfo> found, List<PluginInfo> local) {
        this(where + " was written by plugin set " + found + ", but this node runs " + local
                + ": every node of a group must run the same plugins at the same versions");
    }
}
