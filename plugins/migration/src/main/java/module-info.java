/**
 * The {@code migration} applier plugin: the durable {@link io.metagroup.plugin.migration.MigrationStateTable} of
 * in-flight vShard migrations, kept in a MapDB file under the plugin's data dir, updated by
 * {@code MigrationCheckpoint} and {@code MigrationAbort} entries, and the leader-side recovery scan that proposes
 * aborts for stale migrations.
 */
module io.metagroup.plugin.migration {
    requires transitive io.metagroup.spi;
    requires io.metagroup.codec;
    // MapDB is an automatic module; at run time under `java -m` it needs these two resolved as well
    requires mapdb;
    requires kotlin.stdlib;
    requires com.google.common;
    requires static com.google.auto.service;

    exports io.metagroup.plugin.migration;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.plugin.migration.internal.MigrationPlugin;
}
