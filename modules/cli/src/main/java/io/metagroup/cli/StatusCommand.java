package io.metagroup.cli;

import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.client.ClusterStatus;
import io.metagroup.raft.client.PeerReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code metagroup status}: each member's role, term, commit and applied index and health, as it reports them. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each member's own view: role, term, commit and applied index, health.",
        footer = {"", "Exit: 0 when some member answered (the others are listed with the reason), 1 when none did."})
final class StatusCommand extends GroupCommand {
    @Override
    int run(MetadataClient client, PrintWriter out) throws Exception {
        ClusterStatus status = client.status();
        out.println("cluster '" + status.cluster() + "': " + status.answered().size() + " of "
                + status.reports().size() + " members answered, leader "
                + status.leader().map(s -> Long.toUnsignedString(s.nodeId())).orElse("unknown"));
        Table table = new Table("NODE", "ADDRESS", "ROLE", "TERM", "COMMIT", "APPLIED", "LEADER", "STATE");
        for (PeerReport r : status.reports()) {
            String id = Long.toUnsignedString(r.nodeId());
            if (r.status().isEmpty()) {
                table.row(id, r.address(), "-", "-", "-", "-", "-", r.problem().orElse(""));
                continue;
            }
            GroupStatus s = r.status().get();
            table.row(id, r.address(), s.role(), s.term(), s.commitIndex(), s.appliedIndex(),
                    s.leader().isPresent() ? Long.toUnsignedString(s.leader().getAsLong()) : "-", state(s));
        }
        table.print(out);
        return 0;
    }

    private static String state(GroupStatus s) {
        if (s.fault().isPresent()) {
            return "HALTED: " + s.fault().get();
        }
        return s.ready() ? "ok" : "catching up";
    }
}
