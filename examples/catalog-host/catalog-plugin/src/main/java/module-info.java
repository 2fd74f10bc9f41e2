/**
 * The {@code catalog} applier plugin of the catalog-host example: a host's catalog (collections with fields, users,
 * grants) kept from the host's own {@code CatalogDdl} payloads. Exports the payload format and a read-only view;
 * the applier itself stays in an unexported package.
 */
module io.metagroup.example.catalog {
    requires transitive io.metagroup.spi;
    requires static com.google.auto.service;

    exports io.metagroup.example.catalog;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.example.catalog.internal.CatalogPlugin;
}
