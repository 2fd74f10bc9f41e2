package io.metagroup.plugin.tls.internal;

import com.google.auto.service.AutoService;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.nio.file.Path;

/**
 * The {@code tls-trust} plugin: the replicated CA trust set, applied from
 * {@link io.metagroup.model.MetadataEntry.CaTrustChange} entries. Its applier implements
 * {@link io.metagroup.plugin.tls.TrustSource}. Setting {@value TlsTrust#TRUST_DIR_SETTING} names the trust
 * directory (default {@code ca.d} under the plugin's data dir); the CA certificates of its {@code *.crt} files at
 * start are the live trust set until the replicated one holds a CA.
 */
@AutoService(ApplierPlugin.class)
public final class TlsTrustPlugin implements ApplierPlugin {
    /** Version of the trust rules and snapshot format; raised whenever either changes. */
    public static final int VERSION = 1;

    /** For ServiceLoader. */
    public TlsTrustPlugin() {}

    @Override
    public String id() {
        return TlsTrust.PLUGIN_ID;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /**
     * Builds the applier.
     *
     * @throws java.io.IOException when the trust directory cannot be made or read, or one of its {@code *.crt}
     *                             files holds something other than CA certificates (the message names the file)
     */
    @Override
    public MetadataApplier create(PluginContext context) throws Exception {
        Path dir = context.setting(TlsTrust.TRUST_DIR_SETTING).map(Path::of)
                .orElse(context.dataDir().resolve("ca.d"));
        return new TrustApplier(new TrustDirectory(dir));
    }
}
