package io.metagroup.cli;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metagroup propose [OPTIONS] FORM...}: proposes one entry written in a human-readable form and waits until
 * it is applied. Exit 0 when Applied, {@value Metagroup#REJECTED} when Rejected by a rule of apply (the reason is
 * printed), {@value Metagroup#USAGE} for a bad form or an entry refused before the log, {@value Metagroup#FAILURE}
 * when the group cannot be reached or does not apply it in time (then retry with the printed {@code --key}).
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
        description = "Propose one metadata entry to a running group and wait until it is applied.",
        footer = {"", "Forms (options after the form's words; 'metagroup propose --help' lists them):",
                "  topology join|leave|promote|start-decommission|finish-decommission --node ID [--addr HOST:PORT]",
                "  routing reassign --vshard V --group G --leaseholder N | transfer-leader --group G --node N"
                        + " | remove-member --group G --node N",
                "  version bump --from V --to W",
                "  lease grant --descriptor TENANT:KIND:NAME --version V --node N (--expires-in 30s | --expires-at HLC)",
                "  lease release --node N --descriptor TENANT:KIND:NAME...",
                "  drain start --descriptor D --up-to V (--expires-in 30s | --expires-at HLC) | drain end --descriptor D",
                "  surrogate alloc --hwm N",
                "  ddl --file PAYLOAD [--user-id ID --user-name NAME --sql STATEMENT]",
                "  batch --file FORMS (one form per line)",
                "", "Exit: 0 applied, 3 rejected at apply, 2 bad form or refused before the log, 1 group unreachable"
                + " or not applied in time."})
final class ProposeCommand extends GroupCommand {
    @Option(names = "--key", paramLabel = "PROPOSER/SEQ",
            description = "the idempotency key of an earlier try whose fate is unknown: applied at most once")
    String key;

    @Mixin
    ProposeTimeout proposeTimeout;

    @Parameters(arity = "1..*", paramLabel = "FORM", description = "the entry, e.g. topology join --node 4 --addr 127.0.0.1:7004")
    List<String> form;

    private MetadataEntry entry;
    private IdempotencyKey retryKey;

    @Override
    void check() throws UsageException {
        entry = entry();
        try {
            retryKey = key == null ? null : Values.key(key);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key: " + e.getMessage(), e);
        }
    }

    @Override
    Duration proposeTimeout() throws UsageException {
        return proposeTimeout.value();
    }

    @Override
    int run(MetadataClient client, PrintWriter out) throws Exception {
        IdempotencyKey k = retryKey != null ? retryKey : client.nextKey();
        Optional<ProposalResult> result = propose(client, k, entry);
        if (result.isEmpty()) {
            return Metagroup.REJECTED;
        }
        out.println("applied at index " + result.get().index() + " (key " + k + ")");
        return 0;
    }

    private MetadataEntry entry() throws UsageException {
        try {
            return EntryForms.parse(form, ProposeCommand::nowNanos, Path.of("").toAbsolutePath());
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("bad form '" + String.join(" ", form) + "': " + e.getMessage()
                    + " (see: metagroup propose --help)", e);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + e.getFile(), e);
        } catch (IOException e) {
            throw new UsageException("cannot read a file of the form: " + e, e);
        }
    }

    /** The proposer's wall clock, for relative expiries such as {@code --expires-in}. */
    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
