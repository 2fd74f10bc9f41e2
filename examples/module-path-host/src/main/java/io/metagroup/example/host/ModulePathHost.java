package io.metagroup.example.host;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.Member;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.ProposalResult;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a one-node metadata group on a free 127.0.0.1 port, proposes one entry, prints where it was applied and
 * the state digest, and exits 0 (1 on any failure). Run it on the module path only.
 */
public final class ModulePathHost {
    private ModulePathHost() {}

    /** Argument: a directory for the node's data (a fresh temp directory when absent). */
    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("mg-host");
        Path dataDir = Files.createTempDirectory(root, "node");
        if (ModulePathHost.class.getModule().getName() == null
                || MetadataGroup.class.getModule().getName() == null) {
            throw new IllegalStateException("not running as named modules: the host must be launched on the module path");
        }
        try (MetadataGroup group = startOnFreePort(dataDir)) {
            group.ready().get(30, TimeUnit.SECONDS);
            ProposalResult result = group.propose(new MetadataEntry.CatalogDdl(
                    Bytes.of("CREATE TABLE t (id INT)".getBytes(StandardCharsets.UTF_8)))).get(30, TimeUnit.SECONDS);
            if (!result.applied()) {
                throw new IllegalStateException("entry not applied: " + result.outcome());
            }
            System.out.println("module " + MetadataGroup.class.getModule().getName() + " applied index "
                    + result.index() + ", catalog DDL count " + group.core().cache().catalogDdlCount()
                    + ", digest " + group.digest().toHex());
        }
    }

    private static MetadataGroup startOnFreePort(Path dataDir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Member self = Member.loopback(1, freePort());
            try {
                return MetadataGroup.start(GroupConfig.of(self, List.of(self), dataDir, List.of()));
            } catch (BindException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
