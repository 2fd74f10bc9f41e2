package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.plugin.migration.MigrationStateTable;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic log of migration entries (the proposal of the record at index {@code i} is a pure function of
 * {@code i}) and an independent model of the table it should produce, for the crash tests. The log mixes
 * checkpoints of six migrations through every phase, aborts, re-deliveries of earlier steps, batches, and batches
 * that a bad CRC rejects whole.
 */
final class CheckpointStream {
    private static final int MIGRATIONS = 6;
    private static final int STEPS_PER_ROUND = 7; // six phases, then an abort

    private CheckpointStream() {}

    /** The one proposal of the record at index {@code i} (from 1). */
    static MetadataEntry entry(long i) {
        if (i % 11 == 0) {
            return MetadataEntry.Batch.of(step(i), withBadCrc(i));
        }
        if (i % 5 == 0) {
            return MetadataEntry.Batch.of(step(i), step(i + 3));
        }
        if (i % 13 == 0 && i > 8) {
            return step(i - 8); // a re-delivery of an earlier step
        }
        return step(i);
    }

    private static MetadataEntry step(long i) {
        int m = (int) (i % MIGRATIONS);
        long round = i / MIGRATIONS;
        int phase = (int) (round % STEPS_PER_ROUND);
        long attempt = round / STEPS_PER_ROUND;
        if (phase == MigrationPhase.values().length) {
            return Fixtures.abort(id(m));
        }
        return checkpoint(id(m), payload(MigrationPhase.values()[phase], m, i), attempt, i);
    }

    private static MigrationCheckpointPayload payload(MigrationPhase phase, int vshard, long i) {
        return switch (phase) {
            case ADD_LEARNER -> new MigrationCheckpointPayload.AddLearner(vshard, 1, 2, 3, i, new Hlc(i, 0));
            case CATCH_UP -> new MigrationCheckpointPayload.CatchUp(vshard, i);
            case PROMOTE_LEARNER -> new MigrationCheckpointPayload.PromoteLearner(vshard, 2, 3);
            case LEADERSHIP_TRANSFER -> new MigrationCheckpointPayload.LeadershipTransfer(vshard, true, 2, 3);
            case CUTOVER -> new MigrationCheckpointPayload.Cutover(vshard, 2, 3);
            case COMPLETE -> new MigrationCheckpointPayload.Complete(vshard, i, i % 2 == 0);
        };
    }

    /** A checkpoint of another migration whose crc32c is wrong: it rejects the batch that carries it. */
    private static MigrationCheckpoint withBadCrc(long i) {
        MigrationCheckpoint c = checkpoint(id((int) ((i + 1) % MIGRATIONS)),
                new MigrationCheckpointPayload.CatchUp(0, i), 9, i);
        return new MigrationCheckpoint(c.migrationId(), c.phase(), c.attempt(), c.payload(), c.crc32c() ^ 0x5A5A,
                c.tsMs());
    }

    /** Applies records {@code from}..{@code to} of the log through {@code driver}, which must be at {@code from - 1}. */
    static void apply(ApplierDriver driver, long from, long to) {
        for (long i = from; i <= to; i++) {
            if (driver.applier().appliedIndex() != i - 1) {
                throw new AssertionError("the applier is at index " + driver.applier().appliedIndex()
                        + ", not ready for record " + i);
            }
            driver.record(entry(i));
        }
    }

    /** What the model keeps of a row: enough to tell a lost, doubled, stale or replayed row apart. */
    record Step(MigrationPhase phase, long attempt, long tsMs) {
        static Step of(MigrationCheckpoint c) {
            return new Step(c.phase(), c.attempt(), c.tsMs());
        }
    }

    /** The rows the table holds after applying records 1..{@code index}, computed without the applier. */
    static Map<String, Step> expected(long index) {
        TreeMap<String, Step> rows = new TreeMap<>();
        for (long i = 1; i <= index; i++) {
            TreeMap<String, Step> staged = new TreeMap<>(rows);
            if (applyTo(staged, entry(i))) {
                rows = staged;
            }
        }
        return rows;
    }

    /** Applies {@code entry} to {@code rows}; false when it is rejected (then {@code rows} is to be dropped). */
    private static boolean applyTo(TreeMap<String, Step> rows, MetadataEntry entry) {
        if (entry instanceof MetadataEntry.Batch batch) {
            for (MetadataEntry sub : batch.entries()) {
                if (!applyTo(rows, sub)) {
                    return false;
                }
            }
            return true;
        }
        if (entry instanceof MigrationCheckpoint c) {
            if (c.crc32c() != Fixtures.crc(c.payload())) {
                return false;
            }
            Step step = Step.of(c);
            Step current = rows.get(c.migrationId());
            if (current == null || current.phase() != step.phase() || current.attempt() != step.attempt()) {
                rows.put(c.migrationId(), step);
            }
            return true;
        }
        rows.remove(((MetadataEntry.MigrationAbort) entry).migrationId());
        return true;
    }

    /** Asserts that {@code table} holds exactly the rows the model gives at its applied index. */
    static void assertMatchesModel(MigrationStateTable table, String context) {
        List<MigrationRow> rows = table.rows();
        TreeMap<String, Step> actual = new TreeMap<>();
        rows.forEach(r -> actual.put(r.migrationId(), Step.of(r.checkpoint())));
        assertThat(actual).as("%s: every row, each exactly once, at index %d", context, table.appliedIndex())
                .hasSameSizeAs(rows)
                .isEqualTo(expected(table.appliedIndex()));
    }
}
