package io.metagroup.example.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.codec.EntryCodec;
import io.metagroup.model.Bytes;
import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.Member;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.Tuning;
import io.metagroup.runtime.PluginDiscovery;
import io.metagroup.spi.ApplierPlugin;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes running every built-in plugin (found by ServiceLoader): a node that was down while the leader's log
 * was purged catches up by installing a snapshot and ends with the same digest as the two that applied the log.
 */
@Timeout(300)
class AllPluginsSnapshotInstallTest {
    private static final long WAIT_S = 60;

    @TempDir
    Path dir;

    private final Map<Long, MetadataGroup> nodes = new TreeMap<>();
    private final Map<Long, GroupConfig> configs = new TreeMap<>();

    @AfterEach
    void stopAll() {
        nodes.values().forEach(MetadataGroup::close);
        nodes.clear();
    }

    @Test
    void laggardInstallsASnapshotCarryingEveryPluginsState() throws Exception {
        List<ApplierPlugin> plugins = PluginDiscovery.discover();
        assertThat(plugins.stream().map(ApplierPlugin::id))
                .contains("topology", "routing", "migration", "audit");
        startThree(plugins);
        MetadataGroup leader = awaitLeader();

        long laggard = nodes.keySet().stream().filter(id -> nodes.get(id) != leader).findFirst().orElseThrow();
        nodes.remove(laggard).close();

        List<MetadataEntry> script = script(200);
        MetadataGroup proposer = nodes.values().iterator().next();
        int applied = 0;
        for (MetadataEntry entry : script) {
            ProposalResult r = proposer.propose(entry).get(WAIT_S, TimeUnit.SECONDS);
            applied += r.applied() ? 1 : 0;
        }
        assertThat(applied).as("most of the script applies; some entries are rejected on purpose").isGreaterThan(150);

        MetadataGroup lead = awaitLeader();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (lead.status().logStart() <= 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        GroupStatus leaderStatus = lead.status();
        assertThat(leaderStatus.snapshot()).as("the leader took a snapshot").isPositive();
        assertThat(leaderStatus.logStart()).as("the leader purged its log past the start").isGreaterThan(1);

        MetadataGroup restarted = MetadataGroup.start(configs.get(laggard));
        nodes.put(laggard, restarted);
        long target = awaitLeader().status().commitIndex();
        for (MetadataGroup g : nodes.values()) {
            g.awaitApplied(target).get(WAIT_S, TimeUnit.SECONDS);
        }
        assertThat(restarted.status().installs()).as("the laggard installed a snapshot").isPositive();
        var digests = nodes.values().stream().map(g -> g.digest().toHex()).distinct().toList();
        assertThat(digests).hasSize(1);
    }

    /** A mix touching every plugin: DDL, audited DDL, topology, routing, leases, migrations and their aborts. */
    private static List<MetadataEntry> script(int n) throws Exception {
        EntryCodec codec = new EntryCodec();
        List<MetadataEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long node = 10 + i % 7;
            String migration = new UUID(0x1234, i / 5).toString();
            MigrationCheckpointPayload payload = new MigrationCheckpointPayload.AddLearner(i % 1024, 1, 2, 0, 500,
                    new Hlc(i, 0));
            entries.add(switch (i % 10) {
                case 0 -> new MetadataEntry.CatalogDdl(Bytes.of(("ddl " + i + " " + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8)));
                case 1 -> new MetadataEntry.CatalogDdlAudited(Bytes.of(new byte[] {(byte) i}), "u" + i, "user" + i,
                        "CREATE COLLECTION c" + i + " /* " + "y".repeat(2000) + " */");
                case 2 -> new TopologyChange.Join(node, "127.0.0.1:" + (9000 + node));
                case 3 -> new TopologyChange.PromoteToVoter(node);
                case 4 -> new RoutingChange.LeadershipTransfer(i % 4, 1 + i % 3);
                case 5 -> new RoutingChange.ReassignVShard(i % 1024, i % 4, 1 + i % 3);
                case 6 -> new MetadataEntry.DescriptorLeaseGrant(new DescriptorLease(
                        new DescriptorId(1, DescriptorKind.COLLECTION, "c" + i % 3), i, node, new Hlc(Long.MAX_VALUE, 0)));
                case 7 -> new MetadataEntry.MigrationCheckpoint(migration, payload.phase(), 0, payload,
                        codec.payloadCrc32c(payload), 1_000 + i);
                case 8 -> new MetadataEntry.MigrationAbort(migration, "test abort " + i,
                        List.of(new Compensation.RemoveGhostStub(i % 1024)));
                default -> new MetadataEntry.SurrogateAlloc(i);
            });
        }
        return entries;
    }

    private void startThree(List<ApplierPlugin> plugins) throws Exception {
        for (int attempt = 0; ; attempt++) {
            List<Member> members = List.of(Member.loopback(1, freePort()), Member.loopback(2, freePort()),
                    Member.loopback(3, freePort()));
            // small log segments, so that purging (which drops whole closed segments) happens in a short test
            Map<String, String> settings = Map.of("plugin.routing.genesis.groups", "4",
                    "plugin.routing.genesis.nodes", "1,2,3", "plugin.routing.genesis.replication-factor", "3",
                    "ratis.raft.server.log.appender.snapshot.chunk.size.max", "2KB",
                    "ratis.raft.server.log.segment.size.max", "32KB",
                    "ratis.raft.server.log.preallocated.size", "16KB");
            Tuning tuning = Tuning.defaults().withCompaction(40, 10, true);
            try {
                for (Member m : members) {
                    GroupConfig c = new GroupConfig(m, members, "all-plugins", dir.resolve("try" + attempt)
                            .resolve("node" + m.nodeId()), plugins, settings, tuning);
                    configs.put(m.nodeId(), c);
                    nodes.put(m.nodeId(), MetadataGroup.start(c));
                }
                return;
            } catch (BindException e) {
                stopAll();
                if (attempt >= 4) {
                    throw e;
                }
            }
        }
    }

    private MetadataGroup awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            for (MetadataGroup g : nodes.values()) {
                if (g.status().role() == GroupStatus.Role.LEADER) {
                    return g;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + WAIT_S + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
