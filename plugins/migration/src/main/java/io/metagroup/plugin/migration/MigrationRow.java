package io.metagroup.plugin.migration;

import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload.AddLearner;
import io.metagroup.model.MigrationPhase;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable state of one in-flight migration: its latest checkpoint, and the payload of the last
 * {@code AddLearner} checkpoint this migration id went through, when the table saw one.
 *
 * <p>The table keeps only the latest checkpoint of a migration, as the seed design does; the {@code AddLearner}
 * origin is carried forward through the later phases because it alone names the node that held the vShard before
 * the migration, which an abort needs to point the leader hint back at it.
 *
 * @param checkpoint the latest checkpoint applied for this migration
 * @param origin     the last {@code AddLearner} payload applied for this migration id, if any
 */
public record MigrationRow(MigrationCheckpoint checkpoint, Optional<AddLearner> origin) {

    public MigrationRow {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(origin, "origin");
        if (checkpoint.payload() instanceof AddLearner addLearner && !origin.equals(Optional.of(addLearner))) {
            throw new IllegalArgumentException("the origin of a row whose checkpoint is AddLearner must be that payload");
        }
    }

    /** The row a first checkpoint of a migration creates: its origin is the checkpoint itself when it is AddLearner. */
    public static MigrationRow first(MigrationCheckpoint checkpoint) {
        return new MigrationRow(checkpoint, addLearnerOf(checkpoint));
    }

    /** The row after {@code next} is applied on top of this one: the origin is carried forward unless replaced. */
    public MigrationRow next(MigrationCheckpoint next) {
        Optional<AddLearner> replaced = addLearnerOf(next);
        return new MigrationRow(next, replaced.isPresent() ? replaced : origin);
    }

    private static Optional<AddLearner> addLearnerOf(MigrationCheckpoint checkpoint) {
        return checkpoint.payload() instanceof AddLearner a ? Optional.of(a) : Optional.empty();
    }

    /** The migration id: a canonical lower-case hyphenated UUID. */
    public String migrationId() {
        return checkpoint.migrationId();
    }

    /** The phase of the latest checkpoint. */
    public MigrationPhase phase() {
        return checkpoint.phase();
    }

    /** The attempt number of the latest checkpoint. */
    public long attempt() {
        return checkpoint.attempt();
    }

    /** The proposer's timestamp of the latest checkpoint, in milliseconds; the recovery scan judges staleness by it. */
    public long tsMs() {
        return checkpoint.tsMs();
    }

    /** True when {@code other} carries the same (phase, attempt) as this row's checkpoint: applying it is a no-op. */
    public boolean sameStep(MigrationCheckpoint other) {
        return checkpoint.phase() == other.phase() && checkpoint.attempt() == other.attempt();
    }
}
