package io.metagroup.plugin.jointoken.internal;

import com.google.auto.service.AutoService;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;

/**
 * The {@code join-token} plugin: join-token lifecycle state, applied from
 * {@link io.metagroup.model.MetadataEntry.JoinTokenTransition} entries. Its applier implements
 * {@link io.metagroup.plugin.jointoken.JoinTokenStates}. It reads no settings and keeps no files: the table is
 * rebuilt from the snapshot and the log.
 */
@AutoService(ApplierPlugin.class)
public final class JoinTokenPlugin implements ApplierPlugin {
    /** Version of the token rules and snapshot format; raised whenever either changes. */
    public static final int VERSION = 1;

    /** For ServiceLoader. */
    public JoinTokenPlugin() {}

    @Override
    public String id() {
        return JoinTokens.PLUGIN_ID;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public MetadataApplier create(PluginContext context) {
        return new JoinTokenApplier();
    }
}
