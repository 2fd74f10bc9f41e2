package io.metagroup.plugin.routing;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.plugin.topology.ClusterTopologyView;
import io.metagroup.spi.MetadataApplier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** A routing applier found through ServiceLoader, wired to a fresh topology applier, with a driver of each. */
final class RoutingFixture {
    final MetadataApplier topologyApplier;
    final ApplierDriver topology;
    final MetadataApplier applier;
    final RoutingView view;
    final ApplierDriver driver;

    private RoutingFixture(TestPluginContext settings) {
        try {
            topologyApplier = PluginContract.byId("topology").create(TestPluginContext.in(Path.of("target")));
            topology = new ApplierDriver(topologyApplier);
            applier = PluginContract.byId("routing").create(settings.withDependency("topology", topologyApplier));
        } catch (Exception e) {
            throw new AssertionError("creating the appliers failed", e);
        }
        view = (RoutingView) applier;
        driver = new ApplierDriver(applier);
    }

    /** Routing with the given genesis settings context (dependencies are added here). */
    static RoutingFixture withSettings(TestPluginContext settings) {
        return new RoutingFixture(settings);
    }

    /** Routing starting from {@code table}, installed through restoreSnapshot at index 0. */
    static RoutingFixture startingFrom(RoutingTable table) {
        RoutingFixture fixture = new RoutingFixture(TestPluginContext.in(Path.of("target")));
        try {
            ApplierDriver.restore(fixture.applier, encode(table), 0);
        } catch (IOException e) {
            throw new AssertionError("installing the table failed", e);
        }
        return fixture;
    }

    RoutingTable table() {
        return view.table();
    }

    GroupInfo group(long id) {
        return table().group(id).orElseThrow(() -> new AssertionError("group " + id + " is not in the table"));
    }

    static byte[] encode(RoutingTable table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            table.writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** A group from its parts, for tables written out by hand. */
    static GroupInfo group(long id, List<Long> members, List<Long> learners, long leader, int replicationFactor) {
        return new GroupInfo(id, members, learners, OptionalLong.of(leader), replicationFactor);
    }
}
