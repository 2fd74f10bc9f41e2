package io.metagroup.cli;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.spi.Outcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A command that talks to a running group through a {@link MetadataClient} it opens and closes. */
abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GroupOptions group;

    @Override
    public final Integer call() throws Exception {
        check();
        try (MetadataClient client = group.open(proposeTimeout())) {
            PrintWriter out = spec.commandLine().getOut();
            int code = run(client, out);
            out.flush();
            return code;
        }
    }

    /** Checks the command's own options before anything is contacted. */
    void check() throws UsageException {
    }

    /** How long a proposal may take; only proposing commands need more than the default. */
    Duration proposeTimeout() throws UsageException {
        return Duration.ofSeconds(1);
    }

    /** Runs the command; returns its exit code. */
    abstract int run(MetadataClient client, PrintWriter out) throws Exception;

    /**
     * Proposes {@code entry} with {@code key} and waits until it is applied: the result when Applied; empty when a
     * rule of apply Rejected it (the reason is printed).
     *
     * @throws UsageException        when it was refused before the log
     * @throws IllegalStateException when the group cannot be reached or did not apply it in time (retry with the key)
     */
    Optional<ProposalResult> propose(MetadataClient client, IdempotencyKey key, MetadataEntry entry)
            throws Exception {
        ProposalResult result;
        try {
            result = client.propose(key, entry).get();
        } catch (ExecutionException e) {
            throw failure(e.getCause(), key);
        }
        if (result.outcome() instanceof Outcome.Rejected r) {
            error("rejected at index " + result.index() + ": " + r.reason() + " (key " + key + ")");
            return Optional.empty();
        }
        return Optional.of(result);
    }

    /** A proposal that failed: refused before the log is a usage error; otherwise a failure to retry. */
    private static Exception failure(Throwable cause, IdempotencyKey k) {
        if (!(cause instanceof ProposalException p)) {
            return cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
        String why = Failures.withoutKindPrefix(p.getMessage());
        return switch (p.kind()) {
            case OVERSIZED, MALFORMED, INVALID, UNSUPPORTED_VERSION ->
                    new UsageException("refused before the log (" + p.kind() + "): " + why, p);
            case TIMEOUT, FAULTED -> new IllegalStateException(why + " (retry with --key " + k + ")", p);
            case UNAVAILABLE, CLOSED -> new IllegalStateException(why, p);
        };
    }

    /** Prints one line to standard error. */
    void error(String line) {
        spec.commandLine().getErr().println("metagroup: " + line);
        spec.commandLine().getErr().flush();
    }
}
