package io.metagroup.bench;

import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.Member;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.Tuning;
import io.metagroup.spi.ApplierPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real Metagroup nodes (Ratis over gRPC) on free 127.0.0.1 ports, each in its own temporary directory, with every
 * plugin of the class path that a host would discover (topology, routing, migration). Durable: Ratis flushes its
 * log before acknowledging (unsafe flush is off in every node). Proposals go through the leader's handle.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Set<String> PLUGINS = Set.of("topology", "routing", "migration");
    private static final long START_TIMEOUT_MS = 60_000;
    /** Ratis's default of {@link #RATIS_OUTSTANDING}. */
    private static final int RATIS_CLIENT_WINDOW = 100;
    /** The Ratis client property bounding its async requests outstanding, as a node setting. */
    static final String RATIS_OUTSTANDING = "ratis.raft.client.async.outstanding-requests.max";

    private final Path root;
    private final List<MetadataGroup> nodes;
    private final MetadataGroup leader;
    private final MetadataEntry.CatalogDdl[] entries = new MetadataEntry.CatalogDdl[1024];

    private LocalCluster(Path root, List<MetadataGroup> nodes, MetadataGroup leader, int entryBytes) {
        this.root = root;
        this.nodes = nodes;
        this.leader = leader;
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new MetadataEntry.CatalogDdl(Samples.payload(i, entryBytes));
        }
    }

    /**
     * The tuning of a run: Metagroup's defaults with group commit on; with it off, one proposal per log record and
     * up to {@code maxInFlight} records outstanding, so that Ratis alone pipelines them (the Ratis client's window
     * is widened to match, see {@link #start(int, Tuning, Map, int)}).
     */
    public static Tuning tuning(boolean groupCommit, int maxInFlight) {
        Tuning d = Tuning.defaults();
        return groupCommit ? d : with(d, 1, Math.max(d.maxInFlight(), maxInFlight));
    }

    /** {@code tuning} with {@code records} group-commit records in flight per node. */
    public static Tuning withRecordsInFlight(Tuning t, int records) {
        return with(t, t.batchMaxProposals(), records);
    }

    private static Tuning with(Tuning t, int proposalsPerRecord, int records) {
        return new Tuning(t.rpcTimeoutMin(), t.rpcTimeoutMax(), t.requestTimeout(), t.proposeTimeout(),
                t.snapshotThreshold(), t.purgeGap(), t.purgeUptoSnapshot(), t.snapshotsRetained(), proposalsPerRecord,
                t.batchMaxBytes(), records, t.historyRetained(), t.subscriberBuffer(), t.reconcileInterval(),
                t.catchUpSlack());
    }

    /** Starts {@code n} nodes with no extra settings; see {@link #start(int, Tuning, Map, int)}. */
    public static LocalCluster start(int n, Tuning tuning, int entryBytes) throws IOException, InterruptedException {
        return start(n, tuning, Map.of(), entryBytes);
    }

    /**
     * Starts {@code n} nodes with node {@code settings} (for example {@code ratis.<key>} Ratis properties) and waits
     * (bounded) until one leads and every node is ready.
     */
    public static LocalCluster start(int n, Tuning tuning, Map<String, String> settings, int entryBytes)
            throws IOException, InterruptedException {
        List<ApplierPlugin> plugins = Plugins.discover(PLUGINS);
        if (tuning.maxInFlight() > RATIS_CLIENT_WINDOW && !settings.containsKey(RATIS_OUTSTANDING)) {
            // More records in flight than the Ratis client admits makes its send() block, and the batcher sends
            // from a reply callback that holds the client's window lock: the node deadlocks. Widen the window.
            settings = new TreeMap<>(settings);
            settings.put(RATIS_OUTSTANDING, Integer.toString(tuning.maxInFlight()));
        }
        BindException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path root = Files.createTempDirectory("metagroup-bench-e2e");
            List<Member> members = new ArrayList<>();
            for (int id = 1; id <= n; id++) {
                members.add(Member.loopback(id, freePort()));
            }
            List<MetadataGroup> started = new ArrayList<>();
            try {
                for (Member m : members) {
                    started.add(MetadataGroup.start(new GroupConfig(m, members, "bench", root.resolve("n" + m.nodeId()),
                            plugins, settings, tuning)));
                }
                MetadataGroup leader = awaitLeader(started);
                return new LocalCluster(root, started, leader, entryBytes);
            } catch (BindException e) {
                last = e; // a port taken between choosing and binding: try other ports
                closeAll(started);
                TempDirs.delete(root);
            } catch (IOException | InterruptedException | RuntimeException e) {
                closeAll(started);
                TempDirs.delete(root);
                throw e;
            }
        }
        throw last;
    }

    private static MetadataGroup awaitLeader(List<MetadataGroup> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            MetadataGroup leader = null;
            boolean ready = true;
            for (MetadataGroup node : nodes) {
                GroupStatus status = node.status();
                if (status.role() == GroupStatus.Role.LEADER) {
                    leader = node;
                }
                ready &= status.ready();
            }
            if (leader != null && ready) {
                return leader;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no leader with every node ready within " + START_TIMEOUT_MS + " ms");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Proposes DDL number {@code n} (a 200-byte payload by default) on the leader; completes once applied there. */
    public CompletableFuture<ProposalResult> propose(long n) {
        return leader.propose(entries[(int) (n % entries.length)]).thenApply(r -> {
            if (!r.applied()) {
                throw new IllegalStateException("proposal " + n + " was not applied: " + r.outcome());
            }
            return r;
        });
    }

    /** The leader's handle. */
    public MetadataGroup leader() {
        return leader;
    }

    @Override
    public void close() throws IOException {
        closeAll(nodes);
        TempDirs.delete(root);
    }

    private static void closeAll(List<MetadataGroup> nodes) {
        for (MetadataGroup node : nodes) {
            node.close();
        }
    }
}
