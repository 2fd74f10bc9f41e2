package io.metagroup.cli;

import io.metagroup.core.DescriptorDrain;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorLease;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.client.StateSummary;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code metagroup read}: a linearizable read of the replicated state, summarized. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Read the replicated state linearizably (through the leader) and summarize it.")
final class ReadCommand extends GroupCommand {
    @Override
    int run(MetadataClient client, PrintWriter out) throws Exception {
        StateSummary s = client.read();
        out.println("applied index     " + s.appliedIndex() + " (node " + Long.toUnsignedString(s.nodeId()) + ")");
        out.println("digest            " + s.digest().toHex());
        out.println("plugins           " + String.join(", ", s.plugins()));
        out.println("cluster version   " + s.clusterVersion());
        out.println("surrogate hwm     " + Long.toUnsignedString(s.surrogateHwm()));
        out.println("catalog ddl       " + s.catalogDdlCount());
        out.println("topology changes  " + s.topologyChanges());
        out.println("routing changes   " + s.routingChanges());
        out.println("last record hlc   " + s.lastRecordHlc());
        out.println("leases            " + s.leases().size());
        for (DescriptorLease l : s.leases()) {
            out.println("  " + descriptor(l.descriptorId()) + " version " + Long.toUnsignedString(l.version())
                    + " node " + Long.toUnsignedString(l.nodeId()) + " until " + l.expiresAt());
        }
        out.println("drains            " + s.drains().size());
        for (DescriptorDrain d : s.drains()) {
            out.println("  " + descriptor(d.descriptorId()) + " up to " + Long.toUnsignedString(d.upToVersion())
                    + " until " + d.expiresAt());
        }
        return 0;
    }

    private static String descriptor(DescriptorId id) {
        return Long.toUnsignedString(id.tenantId()) + ":" + Values.kindName(id.kind()) + ":" + id.name();
    }
}
