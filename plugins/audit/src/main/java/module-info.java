/**
 * The {@code audit} applier plugin: every {@code CatalogDdlAudited} entry appends one record to an append-only,
 * fsync'd, SHA-256-chained segment log under the plugin's data dir; {@link io.metagroup.plugin.audit.AuditLog}
 * verifies and reads such a log (for {@code metagroup audit verify|tail}).
 */
module io.metagroup.plugin.audit {
    requires transitive io.metagroup.spi;
    requires static com.google.auto.service;

    exports io.metagroup.plugin.audit;

    uses io.metagroup.plugin.audit.DescriptorVersionReader;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.plugin.audit.internal.AuditPlugin;
}
