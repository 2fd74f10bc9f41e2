package io.metagroup.spi;

import java.util.Objects;
import java.util.Set;

/**
 * An {@link ApplierPlugin} whose id, version and dependencies are fixed when it is constructed; a subclass adds
 * only {@link #create}. Subclasses found by {@link java.util.ServiceLoader} keep a public no-argument constructor
 * that passes their constants here.
 */
public abstract class DeclaredPlugin implements ApplierPlugin {
    private final String id;
    private final int version;
    private final Set<String> dependencies;

    /**
     * A plugin {@code id} at {@code version} that applies after the plugins named in {@code dependencies}.
     *
     * @throws IllegalArgumentException when the id is empty or the version below 1
     */
    protected DeclaredPlugin(String id, int version, Set<String> dependencies) {
        this.id = Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a plugin id must not be empty");
        }
        if (version < 1) {
            throw new IllegalArgumentException("plugin " + id + ": version must be >= 1, got " + version);
        }
        this.version = version;
        this.dependencies = Set.copyOf(dependencies);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final Set<String> dependencies() {
        return dependencies;
    }
}
