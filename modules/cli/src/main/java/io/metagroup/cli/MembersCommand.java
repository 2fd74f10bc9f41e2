package io.metagroup.cli;

import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code metagroup members}: the current configuration, as the leader sees it. */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = "List the members of the current configuration (voters and listeners) as the leader sees them.")
final class MembersCommand extends GroupCommand {
    @Override
    int run(MetadataClient client, PrintWriter out) throws Exception {
        Table table = new Table("NODE", "ADDRESS", "KIND", "COMMIT");
        for (GroupStatus.PeerStatus p : client.members()) {
            table.row(Long.toUnsignedString(p.nodeId()), p.address(), p.voter() ? "voter" : "listener",
                    p.commitIndex() < 0 ? "-" : p.commitIndex());
        }
        table.print(out);
        return 0;
    }
}
