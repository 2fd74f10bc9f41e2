package io.metagroup.cli;

import io.metagroup.raft.MetadataClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
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

    /** Prints one line to standard error. */
    void error(String line) {
        spec.commandLine().getErr().println("metagroup: " + line);
        spec.commandLine().getErr().flush();
    }
}
