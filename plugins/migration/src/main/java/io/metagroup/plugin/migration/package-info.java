/**
 * The read API of the {@code migration} plugin: the {@link io.metagroup.plugin.migration.MigrationStateTable}
 * (one {@link io.metagroup.plugin.migration.MigrationRow} per in-flight migration) and
 * {@link io.metagroup.plugin.migration.MigrationRecovery}, which turns stale rows into the aborts a leader proposes.
 */
package io.metagroup.plugin.migration;
