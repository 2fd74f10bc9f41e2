package io.metagroup.example.catalog;

/**
 * What the {@code catalog} plugin's applier offers hosts: read it with
 * {@code core.applier(CatalogView.PLUGIN_ID, CatalogView.class).catalog()}, inside a linearizable read for the
 * latest committed catalog.
 */
public interface CatalogView {
    /** The id of the plugin, and of its snapshot section. */
    String PLUGIN_ID = "catalog";

    /** The catalog as of this node's applied index. */
    Catalog catalog();
}
