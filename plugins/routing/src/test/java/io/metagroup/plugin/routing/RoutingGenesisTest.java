package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingGenesisTest {
    private static final TestPluginContext NONE = TestPluginContext.in(Path.of("target"));

    @Test
    void withoutSettingsTheTableStartsEmpty() {
        RoutingFixture r = RoutingFixture.withSettings(NONE);

        assertThat(r.table()).isEqualTo(RoutingTable.empty());
        assertThat(r.applier.appliedIndex()).isZero();
    }

    @Test
    void theGenesisSettingsGiveAUniformTable() {
        RoutingFixture r = RoutingFixture.withSettings(NONE.withSetting("genesis.groups", "8")
                .withSetting("genesis.nodes", "1, 2,3,18446744073709551615")
                .withSetting("genesis.replication-factor", "3"));

        assertThat(r.table()).isEqualTo(RoutingTable.uniform(8, List.of(1L, 2L, 3L, -1L), 3));
    }

    @Test
    void incompleteSettingsAreAStartupErrorNamingWhatIsMissing() {
        assertThatThrownBy(() -> RoutingFixture.withSettings(NONE.withSetting("genesis.groups", "8")))
                .cause()
                .hasMessageContaining("missing plugin.routing.genesis.nodes, plugin.routing.genesis.replication-factor");
    }

    @Test
    void malformedSettingsAreAStartupErrorNamingTheSetting() {
        TestPluginContext base = NONE.withSetting("genesis.groups", "2").withSetting("genesis.nodes", "1,2")
                .withSetting("genesis.replication-factor", "2");

        assertThatThrownBy(() -> RoutingFixture.withSettings(base.withSetting("genesis.groups", "zero")))
                .cause().hasMessageContaining("plugin.routing.genesis.groups must be a whole number of at least 1,"
                        + " got 'zero'");
        assertThatThrownBy(() -> RoutingFixture.withSettings(base.withSetting("genesis.nodes", "1,,2")))
                .cause().hasMessageContaining("plugin.routing.genesis.nodes must be comma-separated");
        assertThatThrownBy(() -> RoutingFixture.withSettings(base.withSetting("genesis.replication-factor", "5")))
                .cause().hasMessageContaining("the routing genesis is invalid: replication factor 5");
    }

    @Test
    void theTopologyDependencyIsRequired() {
        assertThatThrownBy(() -> PluginContract.byId("routing").create(NONE))
                .hasMessageContaining("plugin 'topology' is not a declared dependency");
    }
}
