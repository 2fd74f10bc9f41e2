package io.metagroup.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The {@code node.identity} file that ties a data dir to one node of one cluster, so a node never starts on
 * another node's or another cluster's files.
 */
public final class DataDirIdentity {
    /** The identity file's name, under the data dir. */
    public static final String FILE = "node.identity";

    private DataDirIdentity() {}

    /**
     * Claims {@code dataDir} for (cluster, node): writes the identity when new, refuses a dir of another. A joining
     * node claims its dir before it writes the key and certificates it received into it.
     *
     * @throws ConfigException naming the dir and its owner, or when the dir is not empty and holds no identity
     */
    public static void claim(Path dataDir, String clusterName, long nodeId) throws ConfigException {
        Path file = dataDir.resolve(FILE);
        String node = Long.toUnsignedString(nodeId);
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                String cluster = p.getProperty("cluster.name");
                String owner = p.getProperty("node.id");
                if (!clusterName.equals(cluster) || !node.equals(owner)) {
                    throw new ConfigException("data dir " + dataDir + " belongs to node " + owner + " of cluster '"
                            + cluster + "', not node " + node + " of cluster '" + clusterName
                            + "': give this node its own --data-dir");
                }
                return;
            }
            if (Files.isDirectory(dataDir)) {
                try (var entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new ConfigException("data dir " + dataDir + " is not empty and holds no " + FILE
                                + ": it is not a Metagroup node's directory; choose an empty or new --data-dir");
                    }
                }
            }
            Files.createDirectories(dataDir);
            Properties p = new Properties();
            p.setProperty("cluster.name", clusterName);
            p.setProperty("node.id", node);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Metagroup node identity: do not edit");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException("cannot use data dir " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
