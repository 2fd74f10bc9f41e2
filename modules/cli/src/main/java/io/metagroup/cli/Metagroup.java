package io.metagroup.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code metagroup} command. Every failure prints one line saying what is wrong and how to fix it, and exits
 * non-zero: 2 for a bad command line or config, 1 for a failure while running.
 */
@Command(name = "metagroup", mixinStandardHelpOptions = true, version = "metagroup 0.1.0",
        description = "A replicated cluster-metadata log: run a node, propose entries, inspect a group.",
        subcommands = {NodeCommand.class})
public final class Metagroup implements Callable<Integer> {
    /** Exit code of a bad command line, flag or config value. */
    public static final int USAGE = 2;
    /** Exit code of a failure while running. */
    public static final int FAILURE = 1;

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
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }
}
