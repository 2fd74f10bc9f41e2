package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.core.MetadataCore;
import io.metagroup.model.Compensation.RestoreLeaderHint;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange.LeadershipTransfer;
import io.metagroup.model.RoutingChange.RemoveMember;
import io.metagroup.model.TopologyChange.Join;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.topology.ClusterTopologyView;
import io.metagroup.plugin.topology.NodeAddress;
import io.metagroup.spi.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topology and routing driven by the real composite applier, as a node runs them. */
class ThroughTheCoreTest {
    private static final Map<String, String> GENESIS = Map.of("plugin.routing.genesis.groups", "2",
            "plugin.routing.genesis.nodes", "1,2,3", "plugin.routing.genesis.replication-factor", "2");

    @TempDir
    Path dir;
    private final List<MetadataCore> cores = new ArrayList<>();

    private MetadataCore core(String name, Map<String, String> settings) throws Exception {
        MetadataCore core = MetadataCore.create(List.of(PluginContract.byId("routing"), PluginContract.byId("topology")),
                dir.resolve(name), settings);
        cores.add(core);
        return core;
    }

    @AfterEach
    void closeCores() throws Exception {
        for (MetadataCore core : cores) {
            core.close();
        }
    }

    private static Outcome apply(MetadataCore core, MetadataEntry entry) {
        long index = core.appliedIndex() + 1;
        return core.applyRecord(index, LogRecord.of(new Hlc(index, 0), new Proposal(new IdempotencyKey(1, index),
                entry))).get(0);
    }

    @Test
    void aBatchAcrossTopologyAndRoutingIsAllOrNothingAndSnapshotsCarryBoth() throws Exception {
        MetadataCore core = core("a", GENESIS);
        MetadataCore other = core("b", Map.of());
        assertThat(apply(core, new Join(1, "10.0.0.1:9000"))).isEqualTo(Outcome.applied());
        assertThat(core.validate(new Join(2, "bad"))).hasValueSatisfying(r -> assertThat(r)
                .contains("join of node 2 refused: address 'bad' is not valid"));

        Outcome refused = apply(core, Batch.of(new Join(3, "h3:1"), new RemoveMember(0, 1)));
        assertThat(refused).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) refused).reason()).contains("below the group's replication factor 2");
        ClusterTopologyView topology = core.applier("topology", ClusterTopologyView.class);
        assertThat(topology.topology().contains(3)).as("the join in the refused batch is not visible").isFalse();

        assertThat(apply(core, new LeadershipTransfer(1, 1))).isEqualTo(Outcome.applied());
        assertThat(apply(core, new MigrationAbort("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "test",
                List.of(new RestoreLeaderHint(0, 2))))).isEqualTo(Outcome.applied());
        RoutingView routing = core.applier("routing", RoutingView.class);
        assertThat(routing.leaderAddress(1)).hasValue(NodeAddress.parse("10.0.0.1:9000"));
        assertThat(routing.table().leaderOf(0)).hasValue(2);

        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        core.writeSnapshot(snapshot);
        other.restoreSnapshot(new ByteArrayInputStream(snapshot.toByteArray()), core.appliedIndex());

        assertThat(other.digest()).isEqualTo(core.digest());
        assertThat(other.applier("routing", RoutingView.class).table()).isEqualTo(routing.table());
        assertThat(other.applier("topology", ClusterTopologyView.class).topology())
                .isEqualTo(topology.topology());
    }

    @Test
    void nodesStartedWithDifferentGenesisSettingsHaveDifferentDigests() throws Exception {
        assertThat(core("a", GENESIS).digest()).isNotEqualTo(core("b", Map.of()).digest());
    }
}
