package io.metagroup.plugin.jointoken;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.jointoken.internal.JoinTokenPlugin;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.ServiceDeclarations;
import org.junit.jupiter.api.Test;

class JoinTokenDeclarationContractTest {

    @Test
    void moduleInfoAndServicesFileDeclareTheSamePlugin() throws Exception {
        PluginContract.verify(JoinTokenPlugin.class, JoinTokens.PLUGIN_ID);
    }

    @Test
    void theModuleExportsOnlyItsApi() throws Exception {
        var descriptor = ServiceDeclarations.descriptorOf(JoinTokenPlugin.class);

        assertThat(descriptor.name()).isEqualTo("io.metagroup.plugin.jointoken");
        assertThat(descriptor.exports()).extracting(e -> e.source()).containsExactly("io.metagroup.plugin.jointoken");
    }

    @Test
    void thePluginHasNoDependencies() {
        var plugin = PluginContract.byId(JoinTokens.PLUGIN_ID);

        assertThat(plugin.dependencies()).isEmpty();
        assertThat(plugin.version()).isEqualTo(1);
    }
}
