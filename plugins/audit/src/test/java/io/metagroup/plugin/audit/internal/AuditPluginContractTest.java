package io.metagroup.plugin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.audit.AuditTrail;
import io.metagroup.plugin.testkit.ServiceDeclarations;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin is declared the same way for the module path (module-info {@code provides}) and the class path
 * (META-INF/services, written by AutoService), is found by ServiceLoader, and names a bad setting.
 */
class AuditPluginContractTest {
    @TempDir
    Path dir;

    @Test
    void moduleInfoAndServiceFileAgree() throws Exception {
        ServiceDeclarations declarations = ServiceDeclarations.of(AuditPlugin.class, ApplierPlugin.class);
        declarations.assertAgree();
        assertThat(declarations.moduleInfo()).containsExactly(AuditPlugin.class.getName());
    }

    @Test
    void serviceLoaderFindsThePlugin() throws Exception {
        ApplierPlugin plugin = ServiceLoader.load(ApplierPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("audit")).findFirst().orElseThrow();
        assertThat(plugin.version()).isEqualTo(AuditPlugin.VERSION);
        assertThat(plugin.dependencies()).isEmpty();
        MetadataApplier applier = plugin.create(TestPluginContext.in(dir));
        try {
            assertThat(applier).isInstanceOf(AuditTrail.class);
            assertThat(((AuditTrail) applier).directory()).isEqualTo(dir);
        } finally {
            applier.close();
        }
    }

    @Test
    void aBadSegmentSizeIsNamed() {
        TestPluginContext context = TestPluginContext.in(dir).withSetting("segmentBytes", "12");
        assertThatThrownBy(() -> new AuditPlugin().create(context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plugin.audit.segmentBytes").hasMessageContaining("'12'");
    }
}
