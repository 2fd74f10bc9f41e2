package io.metagroup.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A declared plugin keeps the id, version and dependencies it was built with, and refuses bad ones. */
class DeclaredPluginTest {

    @Test
    void aDeclaredPluginRefusesAnEmptyIdOrAVersionBelowOne() {
        class Declared extends DeclaredPlugin {
            Declared(String id, int version) {
                super(id, version, Set.of("topology"));
            }

            @Override
            public MetadataApplier create(PluginContext context) {
                return new InMemoryApplierTest.OneByte();
            }
        }
        Declared ok = new Declared("x", 2);
        assertThat(ok.id()).isEqualTo("x");
        assertThat(ok.version()).isEqualTo(2);
        assertThat(ok.dependencies()).containsExactly("topology");
        assertThatThrownBy(() -> new Declared("", 1)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> new Declared("y", 0)).hasMessageContaining("plugin y: version must be >= 1, got 0");
    }
}
