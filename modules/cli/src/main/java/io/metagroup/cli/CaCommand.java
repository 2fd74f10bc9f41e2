package io.metagroup.cli;

import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSet;
import io.metagroup.plugin.tls.TrustedCa;
import io.metagroup.raft.MetadataClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code metagroup ca list}: the group's replicated CA trust set. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "Inspect the group's trusted CAs.",
        subcommands = CaCommand.ListCommand.class)
final class CaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return Metagroup.USAGE;
    }

    /** {@code metagroup ca list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the CAs of the replicated trust set (read linearizably through the leader):"
                    + " fingerprint, subject, end of validity.")
    static final class ListCommand extends GroupCommand {
        @Override
        int run(MetadataClient client, PrintWriter out) throws Exception {
            TrustSet set = TlsTrust.readReplicated(client.readPluginState(TlsTrust.PLUGIN_ID));
            Table table = new Table("FINGERPRINT", "SUBJECT", "NOT-AFTER");
            for (TrustedCa ca : set.cas()) {
                table.row(ca.fingerprint(), ca.subject(), ca.notAfter());
            }
            for (Map.Entry<?, String> unusable : set.unusable().entrySet()) {
                table.row(unusable.getKey(), "(unusable on this client: " + unusable.getValue() + ")", "-");
            }
            table.print(out);
            return 0;
        }
    }
}
