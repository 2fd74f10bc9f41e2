package io.metagroup.cli;

/** A command that cannot run as given (a bad config value, a data dir of another node); exits with code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
