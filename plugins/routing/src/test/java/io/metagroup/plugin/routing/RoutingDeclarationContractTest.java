package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.routing.internal.RoutingPlugin;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.ServiceDeclarations;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class RoutingDeclarationContractTest {

    @Test
    void moduleInfoAndServicesFileDeclareTheSamePlugin() throws Exception {
        PluginContract.verify(RoutingPlugin.class, "routing");
    }

    @Test
    void theModuleExportsOnlyItsApiAndReadsTopology() throws Exception {
        ModuleDescriptor descriptor = ServiceDeclarations.descriptorOf(RoutingPlugin.class);

        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.metagroup.plugin.routing");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("io.metagroup.plugin.topology");
    }

    @Test
    void thePluginDependsOnTopology() {
        var plugin = PluginContract.byId("routing");

        assertThat(plugin.dependencies()).containsExactly("topology");
        assertThat(plugin.version()).isEqualTo(1);
    }
}
