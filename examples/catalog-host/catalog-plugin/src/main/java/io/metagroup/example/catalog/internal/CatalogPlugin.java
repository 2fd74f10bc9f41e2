package io.metagroup.example.catalog.internal;

import com.google.auto.service.AutoService;
import io.metagroup.example.catalog.CatalogView;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;

/**
 * The {@code catalog} plugin, found by ServiceLoader: {@code provides} in module-info for the module path,
 * {@code @AutoService} for the class path. Its applier is a {@link CatalogView}. It reads no settings and keeps no
 * files: the catalog lives in memory and is rebuilt from the latest snapshot and the log.
 */
@AutoService(ApplierPlugin.class)
public final class CatalogPlugin implements ApplierPlugin {
    /** Version of the catalog rules and snapshot format; raised whenever either changes. */
    public static final int VERSION = 1;

    /** For ServiceLoader. */
    public CatalogPlugin() {}

    @Override
    public String id() {
        return CatalogView.PLUGIN_ID;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public MetadataApplier create(PluginContext context) {
        return new CatalogApplier();
    }
}
