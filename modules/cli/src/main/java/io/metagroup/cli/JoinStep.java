package io.metagroup.cli;

import io.metagroup.bootstrap.JoinException;
import io.metagroup.bootstrap.Joiner;
import io.metagroup.runtime.NodeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** What {@code metagroup node --join HOST:PORT --token-file F} does before the node starts. */
final class JoinStep {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private JoinStep() {}

    /**
     * The config to start with: after a join through {@code endpoint}, or as a node that joined before.
     *
     * @throws UsageException for flags that do not fit a join
     * @throws IllegalStateException naming the refusal or failure of the join
     */
    static NodeConfig prepare(NodeConfig config, String endpoint, Path tokenFile, PrintWriter out)
            throws UsageException {
        if (tokenFile == null) {
            throw new UsageException("--join needs --token-file FILE (written by 'metagroup token create')", null);
        }
        if (!config.peers().isEmpty()) {
            throw new UsageException("--join starts a node outside the group: give no --peers (cluster.peers)", null);
        }
        try {
            NodeConfig joined = Joiner.prepare(config, endpoint, tokenFile, TIMEOUT);
            out.printf("node %s is a member of cluster '%s' (key and certificate in %s)%n",
                    Long.toUnsignedString(config.nodeId()), joined.clusterName(), config.dataDir().resolve("tls"));
            out.flush();
            return joined;
        } catch (JoinException e) {
            throw new IllegalStateException("join through " + endpoint + " failed (" + e.reason() + "): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
