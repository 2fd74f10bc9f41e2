package io.metagroup.example.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.example.catalog.internal.CatalogPlugin;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.ServiceDeclarations;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class CatalogDeclarationContractTest {

    @Test
    void moduleInfoAndServicesFileDeclareTheSamePlugin() throws Exception {
        PluginContract.verify(CatalogPlugin.class, CatalogView.PLUGIN_ID);
    }

    @Test
    void theModuleExportsOnlyItsApiAndReadsOnlyTheSpi() throws Exception {
        ModuleDescriptor descriptor = ServiceDeclarations.descriptorOf(CatalogPlugin.class);

        assertThat(descriptor.name()).isEqualTo("io.metagroup.example.catalog");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.metagroup.example.catalog");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("io.metagroup.spi").doesNotContain("io.metagroup.core", "io.metagroup.raft");
    }

    @Test
    void thePluginHasNoDependenciesAndItsApplierIsACatalogView() throws Exception {
        var plugin = PluginContract.byId(CatalogView.PLUGIN_ID);

        assertThat(plugin.dependencies()).isEmpty();
        assertThat(plugin.version()).isEqualTo(CatalogPlugin.VERSION);
        assertThat(CatalogFixture.create().applier).isInstanceOf(CatalogView.class);
    }
}
