package io.metagroup.runtime;

import io.metagroup.raft.MetadataGroup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The node's running group, set once it has started; parts built before it reach it through here. */
@Singleton
final class GroupHolder {
    private volatile MetadataGroup group;

    @Inject
    GroupHolder() {}

    void set(MetadataGroup started) {
        this.group = started;
    }

    MetadataGroup group() {
        MetadataGroup g = group;
        if (g == null) {
            throw new IllegalStateException("the node has not started");
        }
        return g;
    }
}
