package io.metagroup.plugin.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.ServiceDeclarations;
import io.metagroup.plugin.topology.internal.TopologyPlugin;
import org.junit.jupiter.api.Test;

class TopologyDeclarationContractTest {

    @Test
    void moduleInfoAndServicesFileDeclareTheSamePlugin() throws Exception {
        PluginContract.verify(TopologyPlugin.class, "topology");
    }

    @Test
    void theModuleExportsOnlyItsApi() throws Exception {
        assertThat(ServiceDeclarations.descriptorOf(TopologyPlugin.class).exports())
                .extracting(e -> e.source()).containsExactly("io.metagroup.plugin.topology");
    }

    @Test
    void thePluginHasNoDependencies() {
        var plugin = PluginContract.byId("topology");

        assertThat(plugin.dependencies()).isEmpty();
        assertThat(plugin.version()).isEqualTo(1);
    }
}
