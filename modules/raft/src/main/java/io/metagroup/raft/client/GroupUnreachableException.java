package io.metagroup.raft.client;

import java.io.IOException;

/** No member of the group answered in time, or none serves the named cluster; the message says what to check. */
public final class GroupUnreachableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A failure with the sentence to show. */
    public GroupUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
