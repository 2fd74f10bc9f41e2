/**
 * The catalog-host example's API: the host-defined {@link io.metagroup.example.catalog.CatalogCommand} payload that
 * rides in {@code CatalogDdl} entries, and the read-only {@link io.metagroup.example.catalog.Catalog} the
 * {@code catalog} plugin keeps from it on every node.
 */
package io.metagroup.example.catalog;
