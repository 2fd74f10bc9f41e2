package io.metagroup.core;

import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.util.Set;

/** A plugin with the given id, version and dependencies, whose applier is a {@link NoopApplier}. */
record DeclaredPlugin(String id, int version, Set<String> dependencies) implements ApplierPlugin {
    static DeclaredPlugin of(String id, String... dependencies) {
        return new DeclaredPlugin(id, 1, Set.of(dependencies));
    }

    @Override
    public MetadataApplier create(PluginContext context) {
        return new NoopApplier(id);
    }
}
