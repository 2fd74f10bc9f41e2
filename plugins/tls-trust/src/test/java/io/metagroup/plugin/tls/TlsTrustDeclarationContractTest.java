package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.ServiceDeclarations;
import io.metagroup.plugin.tls.internal.TlsTrustPlugin;
import org.junit.jupiter.api.Test;

class TlsTrustDeclarationContractTest {

    @Test
    void moduleInfoAndServicesFileDeclareTheSamePlugin() throws Exception {
        PluginContract.verify(TlsTrustPlugin.class, TlsTrust.PLUGIN_ID);
    }

    @Test
    void theModuleExportsOnlyItsApi() throws Exception {
        var descriptor = ServiceDeclarations.descriptorOf(TlsTrustPlugin.class);

        assertThat(descriptor.name()).isEqualTo("io.metagroup.plugin.tls");
        assertThat(descriptor.exports()).extracting(e -> e.source()).containsExactly("io.metagroup.plugin.tls");
    }

    @Test
    void thePluginHasNoDependencies() {
        var plugin = PluginContract.byId(TlsTrust.PLUGIN_ID);

        assertThat(plugin.dependencies()).isEmpty();
        assertThat(plugin.version()).isEqualTo(1);
    }
}
