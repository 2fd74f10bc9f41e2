package io.metagroup.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code metagroup} command. Every failure prints one line saying what is wrong and how to fix it, and exits
 * non-zero: {@value #USAGE} for a bad command line, config, form or an entry refused before the log,
 * {@value #FAILURE} for a failure while running (a group that cannot be reached, a proposal not applied in time, a
 * damaged audit log), {@value #REJECTED} for a proposal that a rule of apply rejected.
 *
 * <p>Logging goes through SLF4J to slf4j-simple on standard error, at WARN unless {@code --verbose} (INFO).
 */
@Command(name = "metagroup", mixinStandardHelpOptions = true, version = "metagroup 0.1.0",
        description = "A replicated cluster-metadata log: run a node, propose entries, inspect a group.",
        subcommands = {NodeCommand.class, ProposeCommand.class, StatusCommand.class, MembersCommand.class,
                ReadCommand.class, WatchCommand.class, AuditCommand.class, TokenCommand.class,
                RotateCaCommand.class, CaCommand.class},
        footer = {"", "Exit: 0 ok, 1 failure while running, 2 bad command line or config, 3 proposal rejected."})
public final class Metagroup implements Callable<Integer> {
    /** Exit code of a bad command line, flag, config value or form. */
    public static final int USAGE = 2;
    /** Exit code of a failure while running. */
    public static final int FAILURE = 1;
    /** Exit code of a proposal rejected by a rule of apply. */
    public static final int REJECTED = 3;

    /** gRPC (inside Ratis) logs through java.util.logging; held so that the level set on it stays. */
    private static final java.util.logging.Logger GRPC_LOG =
            java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    @Option(names = {"-v", "--verbose"}, description = "log what the node and Ratis do (INFO level)", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return USAGE;
    }

    /** Runs the command line; does not exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Metagroup());
        cli.setOut(out);
        cli.setErr(err);
        // the words after the first positional are the form, options of the form included
        cli.getSubcommands().get("propose").setStopAtPositional(true);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("metagroup: " + e.getMessage() + " (see: metagroup "
                    + e.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^metagroup ?", "")
                    + " --help)");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println("metagroup: " + Failures.describe(e));
            err.flush();
            return e instanceof UsageException ? USAGE : FAILURE;
        });
        return cli.execute(args);
    }

    /** The {@code metagroup} executable. */
    public static void main(String[] args) {
        boolean verbose = false;
        for (String a : args) {
            verbose |= a.equals("-v") || a.equals("--verbose");
        }
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
        // the Ratis client logs every request the group refused, with a stack trace; the command says it in one line
        String ratisClient = "org.slf4j.simpleLogger.log.org.apache.ratis.client";
        System.setProperty(ratisClient, System.getProperty(ratisClient, verbose ? "info" : "off"));
        // a member that is down makes gRPC log each failed connection; the command reports it in one line
        GRPC_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }
}
