package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin gets its own directory, its own settings, and the appliers of the plugins it declared. */
class PluginContextTest {
    @TempDir
    Path dir;

    private final List<PluginContext> seen = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    @Test
    void eachPluginHasItsOwnDirectoryAndSettings() throws Exception {
        MetadataCore.create(List.of(new Recording("alpha"), new Recording("beta")), dir,
                Map.of("plugin.alpha.limit", "5", "plugin.beta.limit", "7", "plugin.alphabet.limit", "9", "limit", "1"));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).dataDir()).isEqualTo(dir.resolve("plugins").resolve("alpha")).isDirectory();
        assertThat(seen.get(1).dataDir()).isEqualTo(dir.resolve("plugins").resolve("beta")).isDirectory();
        assertThat(seen.get(0).setting("limit")).contains("5");
        assertThat(seen.get(1).setting("limit")).contains("7");
        assertThat(seen.get(0).setting("other")).isEmpty();
    }

    @Test
    void declaredDependenciesAreReachableAsTheirTypeAndNothingElse() throws Exception {
        MetadataCore core = MetadataCore.create(List.of(new Recording("alpha"), new Recording("beta", "alpha", "core")),
                dir, Map.of());
        PluginContext beta = seen.get(1);

        assertThat(beta.dependency("alpha", DelegatingApplier.class)).isSameAs(core.applier("alpha", MetadataApplier.class));
        assertThat(beta.dependency("core", MetadataCache.class)).isSameAs(core.cache());
        assertThatThrownBy(() -> seen.get(0).dependency("beta", MetadataApplier.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'alpha' did not declare a dependency on 'beta' (declared: [])");
        assertThatThrownBy(() -> beta.dependency("alpha", MetadataCache.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the applier of 'alpha' is a io.metagroup.core.PluginContextTest$")
                .hasMessageEndingWith(", not a io.metagroup.core.MetadataCache");
    }

    @Test
    void aPluginThatFailsToBuildIsNamedAndTheOnesBuiltAreClosed() {
        ApplierPlugin broken = new Recording("broken") {
            @Override
            public MetadataApplier create(PluginContext context) throws IOException {
                throw new IOException("no disk");
            }
        };

        assertThatThrownBy(() -> MetadataCore.create(List.of(new Recording("alpha"), broken), dir, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin 'broken' failed to build its applier: no disk");
        assertThat(closed).containsExactly("alpha");
    }

    @Test
    void closingTheCoreClosesThePluginsLastFirst() throws Exception {
        MetadataCore core = MetadataCore.create(List.of(new Recording("alpha"), new Recording("beta", "alpha")), dir, Map.of());

        core.close();
        core.close();

        assertThat(closed).containsExactly("beta", "alpha");
        assertThatThrownBy(core::digest).isInstanceOf(IllegalStateException.class).hasMessage("the metadata core is closed");
    }

    /** Records the context it is given and the closing of its applier. */
    private class Recording implements ApplierPlugin {
        private final String id;
        private final Set<String> dependencies;

        Recording(String id, String... dependencies) {
            this.id = id;
            this.dependencies = Set.of(dependencies);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Set<String> dependencies() {
            return dependencies;
        }

        @Override
        public MetadataApplier create(PluginContext context) throws IOException {
            seen.add(context);
            return new DelegatingApplier(id) {
                @Override
                public void close() {
                    closed.add(id);
                }
            };
        }
    }
}
