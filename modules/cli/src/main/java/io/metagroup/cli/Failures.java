package io.metagroup.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into the one line the CLI prints. */
final class Failures {
    private Failures() {}

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip().replace('\n', ' ');
    }

    /** A proposal failure's message without its leading {@code KIND (proposal KEY): } parts. */
    static String withoutKindPrefix(String message) {
        return message.replaceFirst("^([A-Z_]+( \\(proposal [^)]*\\))?: )+", "");
    }
}
