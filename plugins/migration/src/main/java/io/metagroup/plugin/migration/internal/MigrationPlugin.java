package io.metagroup.plugin.migration.internal;

import com.google.auto.service.AutoService;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.DeclaredPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.util.Set;

/**
 * The {@code migration} plugin: the durable migration state table, applied from {@code MigrationCheckpoint} and
 * {@code MigrationAbort} entries. Its applier implements {@link io.metagroup.plugin.migration.MigrationStateTable}.
 * It applies after {@code routing}, which applies an abort's compensations to the routing table.
 *
 * <p>Settings ({@code plugin.migration.<key>}), local to a node and never read by apply:
 * <ul>
 *   <li>{@code commitEvery} (default {@value #DEFAULT_COMMIT_EVERY}): records between two commits of the MapDB
 *       file. A commit costs an fsync; after a crash the node replays at most this many records from the log.</li>
 *   <li>{@code recoveryTimeoutMs} (default {@value #DEFAULT_RECOVERY_TIMEOUT_MS}): the age of a last checkpoint
 *       past which the recovery scan proposes to abort its migration.</li>
 * </ul>
 */
@AutoService(ApplierPlugin.class)
public final class MigrationPlugin extends DeclaredPlugin {
    /** The plugin id, also its snapshot section name. */
    public static final String ID = "migration";
    /** Version of the migration rules, store and snapshot format; raised whenever one changes. */
    public static final int VERSION = 1;
    /** Default of the {@code commitEvery} setting. */
    public static final int DEFAULT_COMMIT_EVERY = 1000;
    /** Default of the {@code recoveryTimeoutMs} setting: ten minutes. */
    public static final long DEFAULT_RECOVERY_TIMEOUT_MS = 600_000;

    /** For ServiceLoader. */
    public MigrationPlugin() {
        super(ID, VERSION, Set.of("routing"));
    }

    /**
     * Opens the table's MapDB file in the plugin's data dir and loads every row.
     *
     * @throws io.metagroup.spi.LocalFaultException when the file is locked, corrupt, foreign or unreadable (the
     *                                              message names the file and what to do)
     * @throws IllegalArgumentException             when a setting is not a valid number
     */
    @Override
    public MetadataApplier create(PluginContext context) throws Exception {
        int commitEvery = (int) longSetting(context, "commitEvery", DEFAULT_COMMIT_EVERY, 1, 1_000_000);
        long timeout = longSetting(context, "recoveryTimeoutMs", DEFAULT_RECOVERY_TIMEOUT_MS, 0, Long.MAX_VALUE);
        return MigrationApplier.open(context.dataDir(), commitEvery, timeout);
    }

    private static long longSetting(PluginContext context, String key, long fallback, long min, long max) {
        String text = context.setting(key).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("setting plugin." + ID + "." + key + " must be a whole number in " + min
                + ".." + max + ", got '" + text + "'");
    }
}
