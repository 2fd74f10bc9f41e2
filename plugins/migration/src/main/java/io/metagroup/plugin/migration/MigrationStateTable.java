package io.metagroup.plugin.migration;

import io.metagroup.model.MetadataEntry.MigrationAbort;
import java.util.List;
import java.util.Optional;

/**
 * The replicated table of in-flight migrations: one {@link MigrationRow} per migration id, upserted by every
 * committed {@code MigrationCheckpoint} (idempotent on (id, phase, attempt)) and deleted by a committed
 * {@code MigrationAbort}. The {@code migration} plugin's applier implements it; the views are immutable and
 * reflect committed proposals only. Safe to read from any thread.
 *
 * <p>Once the table's store failed (a LocalFault: disk full, I/O error), {@link #get}, {@link #rows} and
 * {@link #recoveryScan} throw {@link IllegalStateException} naming the failure rather than serve rows the file may
 * not hold; a restart replays the log from {@link #durableIndex()}.
 */
public interface MigrationStateTable {

    /** The row of migration {@code migrationId}, if it is in flight. */
    Optional<MigrationRow> get(String migrationId);

    /** Every row, ascending by migration id. */
    List<MigrationRow> rows();

    /** The highest log index whose effects the table holds. */
    long appliedIndex();

    /** The highest log index whose effects are committed to the table's file; replay after a crash starts above it. */
    long durableIndex();

    /**
     * The recovery scan, run by the leader (never part of apply): the aborts to propose for migrations whose last
     * checkpoint is older than this node's configured timeout at {@code nowMs}. See
     * {@link MigrationRecovery#staleAborts}.
     *
     * @param nowMs the leader's current time in milliseconds since the Unix epoch
     */
    List<MigrationAbort> recoveryScan(long nowMs);
}
