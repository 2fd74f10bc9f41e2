package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.spi.ApplierPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins apply in dependency order, ties by id; bad ids, duplicates, missing dependencies and cycles refuse to start. */
class PluginOrderTest {
    @TempDir
    Path dir;

    @Test
    void dependenciesComeFirstAndTiesGoById() {
        List<ApplierPlugin> plugins = List.of(
                DeclaredPlugin.of("migration", "routing"),
                DeclaredPlugin.of("audit"),
                DeclaredPlugin.of("routing", "topology"),
                DeclaredPlugin.of("topology"),
                DeclaredPlugin.of("join-token", "core"),
                DeclaredPlugin.of("tls-trust"));

        assertThat(PluginOrder.sort(plugins)).extracting(ApplierPlugin::id)
                .containsExactly("audit", "join-token", "tls-trust", "topology", "routing", "migration");
    }

    @Test
    void theOrderDoesNotDependOnTheOrderFound() {
        List<ApplierPlugin> plugins = List.of(DeclaredPlugin.of("b"), DeclaredPlugin.of("c", "a"), DeclaredPlugin.of("a"));

        assertThat(PluginOrder.sort(plugins)).isEqualTo(PluginOrder.sort(List.of(plugins.get(2), plugins.get(1), plugins.get(0))));
    }

    @Test
    void theCoreAppliesTheCacheFirstThenThePluginsInOrder() throws Exception {
        MetadataCore core = MetadataCore.create(List.of(DeclaredPlugin.of("b", "a"), DeclaredPlugin.of("a")), dir, Map.of());

        assertThat(core.pluginSet()).containsExactly(new PluginInfo("a", 1), new PluginInfo("b", 1));
        assertThat(core.applier("core", MetadataCache.class)).isSameAs(core.cache());
    }

    @Test
    void aCycleIsRefusedWithItsPath() {
        List<ApplierPlugin> plugins = List.of(DeclaredPlugin.of("a", "c"), DeclaredPlugin.of("b", "a"),
                DeclaredPlugin.of("c", "b"), DeclaredPlugin.of("d", "a"), DeclaredPlugin.of("e"));

        assertThatThrownBy(() -> PluginOrder.sort(plugins)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin dependency cycle: a -> c -> b -> a");
    }

    @Test
    void aPluginDependingOnItselfIsACycle() {
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("a", "a"))))
                .hasMessage("plugin dependency cycle: a -> a");
    }

    @Test
    void aMissingDependencyIsRefused() {
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("migration", "routing"), DeclaredPlugin.of("audit"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'migration' depends on 'routing', which is not installed (installed: [audit, migration])");
    }

    @Test
    void aDuplicateIdIsRefused() {
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("audit"), NoopApplier.plugin("audit", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duplicate plugin id 'audit': io.metagroup.core.DeclaredPlugin and io.metagroup.core.NoopApplier$");
    }

    @Test
    void invalidAndReservedIdsAreRefused() {
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("Audit"))))
                .hasMessage("plugin io.metagroup.core.DeclaredPlugin has id 'Audit': an id is lower-case letters, digits"
                        + " and '-', starting with a letter");
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("9lives")))).hasMessageContaining("'9lives'");
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("#dedup")))).hasMessageContaining("'#dedup'");
        assertThatThrownBy(() -> PluginOrder.sort(List.of(DeclaredPlugin.of("core"))))
                .hasMessage("plugin io.metagroup.core.DeclaredPlugin has id 'core', which is reserved for the core cache");
    }

    @Test
    void createRefusesTheSameWayAndBuildsNothing() {
        assertThatThrownBy(() -> MetadataCore.create(List.of(DeclaredPlugin.of("a", "b"), DeclaredPlugin.of("b", "a")), dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("plugin dependency cycle: a -> b -> a");
        assertThat(dir.resolve("plugins")).doesNotExist();
    }
}
