package io.metagroup.plugin.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.migration.MigrationStateTable;
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
 * (META-INF/services, written by AutoService), is found by ServiceLoader, and says who it is.
 */
class MigrationPluginContractTest {
    @TempDir
    Path dir;

    @Test
    void moduleInfoAndServiceFileAgree() throws Exception {
        ServiceDeclarations declarations = ServiceDeclarations.of(MigrationPlugin.class, ApplierPlugin.class);
        declarations.assertAgree();
        assertThat(declarations.moduleInfo()).containsExactly(MigrationPlugin.class.getName());
    }

    @Test
    void serviceLoaderFindsThePluginAndItBuildsTheTable() throws Exception {
        ApplierPlugin plugin = ServiceLoader.load(ApplierPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("migration"))
                .findFirst().orElseThrow();
        assertThat(plugin.version()).isEqualTo(MigrationPlugin.VERSION);
        assertThat(plugin.dependencies()).containsExactly("routing");
        MetadataApplier applier = plugin.create(TestPluginContext.in(dir));
        try {
            assertThat(applier.id()).isEqualTo("migration");
            assertThat(applier).isInstanceOf(MigrationStateTable.class);
        } finally {
            applier.close();
        }
    }
}
