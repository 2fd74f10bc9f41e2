package io.metagroup.plugin.topology;

import io.metagroup.model.TopologyChange;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.spi.MetadataApplier;
import java.nio.file.Path;

/** A fresh topology applier found through ServiceLoader, its view and a driver. */
final class TopologyFixture {
    final MetadataApplier applier;
    final ClusterTopologyView view;
    final ApplierDriver driver;

    private TopologyFixture(MetadataApplier applier) {
        this.applier = applier;
        this.view = (ClusterTopologyView) applier;
        this.driver = new ApplierDriver(applier);
    }

    static TopologyFixture create() {
        try {
            return new TopologyFixture(PluginContract.byId("topology").create(TestPluginContext.in(Path.of("target"))));
        } catch (Exception e) {
            throw new AssertionError("creating the topology applier failed", e);
        }
    }

    ClusterTopology topology() {
        return view.topology();
    }

    NodeInfo node(long id) {
        return topology().node(id).orElseThrow(() -> new AssertionError("node " + id + " is not in the topology"));
    }

    static TopologyChange.Join join(long id, String addr) {
        return new TopologyChange.Join(id, addr);
    }

    static TopologyChange.PromoteToVoter promote(long id) {
        return new TopologyChange.PromoteToVoter(id);
    }

    static TopologyChange.StartDecommission startDecommission(long id) {
        return new TopologyChange.StartDecommission(id);
    }

    static TopologyChange.FinishDecommission finishDecommission(long id) {
        return new TopologyChange.FinishDecommission(id);
    }

    static TopologyChange.Leave leave(long id) {
        return new TopologyChange.Leave(id);
    }
}
