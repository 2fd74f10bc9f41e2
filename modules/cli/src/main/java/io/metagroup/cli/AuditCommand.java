package io.metagroup.cli;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.AuditVerification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code metagroup audit verify|tail}: checks and reads a node's audit log from its files (no running node needed). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check or read a node's audit log from its files; safe beside a running node.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Metagroup.USAGE;
    }

    /** The audit log directory: {@code --dir} itself, or the audit plugin's directory under a node's data dir. */
    static Path logDir(Path dir) throws UsageException {
        Path inNode = dir.resolve("core").resolve("plugins").resolve("audit");
        if (Files.isDirectory(inNode)) {
            return inNode;
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no directory " + dir + ": give a node's data dir or its audit log directory"
                    + " (DATA_DIR/core/plugins/audit)", null);
        }
        return dir;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every segment, frame CRC, record seq and chain hash of an audit log.",
            footer = {"", "Exit: 0 when the log is intact, 1 at the first problem (printed), 2 for a bad flag."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "a node's data dir or its audit log directory")
        Path dir;

        @ArgGroup(exclusive = false)
        Expected expected;

        static final class Expected {
            @Option(names = "--expect-count", required = true, paramLabel = "N",
                    description = "records the replicated chain holds (catches records cut from the end)")
            long count;

            @Option(names = "--expect-head", required = true, paramLabel = "HEX", description = "the replicated chain head")
            String head;
        }

        @Override
        public Integer call() throws Exception {
            Path log = logDir(dir);
            AuditVerification v;
            if (expected == null) {
                v = AuditLog.verify(log);
            } else {
                Sha256 head;
                try {
                    head = Sha256.fromHex(expected.head);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--expect-head: " + e.getMessage(), e);
                }
                if (expected.count < 0) {
                    throw new UsageException("--expect-count must not be negative, got " + expected.count, null);
                }
                v = AuditLog.verify(log, expected.count, head);
            }
            if (v.problem().isPresent()) {
                throw new IllegalStateException("audit log " + log + ": " + v.problem().get() + " (after "
                        + v.recordsChecked() + " good records)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("ok: " + v.recordsChecked() + " records in " + v.segments() + " segments, chain head "
                    + v.chainHead().toHex() + ", last audited index " + v.lastAuditedIndex());
            v.notes().forEach(n -> out.println("note: " + n));
            out.flush();
            return 0;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Print the last records of an audit log, oldest first.")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "a node's data dir or its audit log directory")
        Path dir;

        @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "how many records (default: ${DEFAULT-VALUE})")
        int n;

        @Override
        public Integer call() throws Exception {
            if (n < 0) {
                throw new UsageException("-n must not be negative, got " + n, null);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (AuditRecord r : AuditLog.tail(logDir(dir), n)) {
                out.println("seq " + r.seq() + " index " + r.index() + " hlc " + r.hlc() + " user " + r.userId()
                        + " (" + r.userName() + "): " + r.statement());
            }
            out.flush();
            return 0;
        }
    }
}
