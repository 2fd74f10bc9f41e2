package io.metagroup.plugin.migration;

import io.metagroup.model.Compensation;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationCheckpointPayload.AddLearner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The leader-side recovery of interrupted migrations: which rows are stale, and the ordered compensations that undo
 * what a migration had done by its latest checkpoint. Pure functions of the rows and the given time; never part of
 * apply, so reading the leader's clock for {@code nowMs} is fine.
 *
 * <p>Compensations are derived from the row alone (the latest checkpoint, plus the {@code AddLearner} origin the
 * table carries forward):
 * <ul>
 *   <li>AddLearner: remove the target learner from the source group.</li>
 *   <li>CatchUp: the same, when the origin is known (a CatchUp payload does not name the group or target).</li>
 *   <li>PromoteLearner: remove the promoted target voter from the source group.</li>
 *   <li>LeadershipTransfer, Cutover: point the source group's leader hint back at the origin's source node (when
 *       the origin is known), then remove the target (a voter, or a learner if a LeadershipTransfer says it was
 *       not promoted yet). The hint comes first so the group is led by a member that stays.</li>
 *   <li>Complete: remove the ghost stub when the checkpoint says one was installed; nothing else.</li>
 * </ul>
 */
public final class MigrationRecovery {
    private MigrationRecovery() {}

    /**
     * The aborts to propose for {@code rows} whose last checkpoint is more than {@code timeoutMs} older than
     * {@code nowMs}, ascending by migration id.
     *
     * @throws IllegalArgumentException when {@code timeoutMs} is negative
     */
    public static List<MigrationAbort> staleAborts(Collection<MigrationRow> rows, long nowMs, long timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("the recovery timeout must not be negative, got " + timeoutMs + " ms");
        }
        List<MigrationAbort> aborts = new ArrayList<>();
        rows.stream()
                .sorted(Comparator.comparing(MigrationRow::migrationId))
                .filter(row -> isStale(row, nowMs, timeoutMs))
                .forEach(row -> aborts.add(new MigrationAbort(row.migrationId(), staleReason(row, timeoutMs),
                        compensations(row))));
        return List.copyOf(aborts);
    }

    /** True when the row's last checkpoint is more than {@code timeoutMs} before {@code nowMs}. */
    public static boolean isStale(MigrationRow row, long nowMs, long timeoutMs) {
        // a checkpoint stamped after nowMs (a proposer's clock ahead of ours) is not stale
        return nowMs > row.tsMs() && nowMs - row.tsMs() > timeoutMs;
    }

    private static String staleReason(MigrationRow row, long timeoutMs) {
        return "stale migration: last checkpoint " + row.phase() + " (attempt " + row.attempt() + ") at tsMs "
                + row.tsMs() + " is older than the recovery timeout of " + timeoutMs + " ms";
    }

    /** The compensations that undo what the row's migration did by its latest checkpoint, in the order to apply them. */
    public static List<Compensation> compensations(MigrationRow row) {
        Optional<AddLearner> origin = row.origin();
        return row.checkpoint().payload().accept(new MigrationCheckpointPayload.Visitor<List<Compensation>>() {
            @Override
            public List<Compensation> addLearner(AddLearner p) {
                return List.of(new Compensation.RemoveLearner(p.sourceGroup(), p.targetNode()));
            }

            @Override
            public List<Compensation> catchUp(MigrationCheckpointPayload.CatchUp p) {
                return origin.<List<Compensation>>map(o -> List.of(new Compensation.RemoveLearner(o.sourceGroup(),
                        o.targetNode()))).orElse(List.of());
            }

            @Override
            public List<Compensation> promoteLearner(MigrationCheckpointPayload.PromoteLearner p) {
                return List.of(new Compensation.RemoveVoter(p.sourceGroup(), p.targetNode()));
            }

            @Override
            public List<Compensation> leadershipTransfer(MigrationCheckpointPayload.LeadershipTransfer p) {
                Compensation removeTarget = p.targetIsVoter()
                        ? new Compensation.RemoveVoter(p.sourceGroup(), p.newLeaderNodeId())
                        : new Compensation.RemoveLearner(p.sourceGroup(), p.newLeaderNodeId());
                return restoreLeaderThen(p.sourceGroup(), removeTarget);
            }

            @Override
            public List<Compensation> cutover(MigrationCheckpointPayload.Cutover p) {
                return restoreLeaderThen(p.sourceGroup(),
                        new Compensation.RemoveVoter(p.sourceGroup(), p.newLeaderNodeId()));
            }

            @Override
            public List<Compensation> complete(MigrationCheckpointPayload.Complete p) {
                return p.ghostStubInstalled() ? List.of(new Compensation.RemoveGhostStub(p.vshardId())) : List.of();
            }

            private List<Compensation> restoreLeaderThen(long group, Compensation removeTarget) {
                return origin.map(o -> List.of(new Compensation.RestoreLeaderHint(group, o.sourceNode()), removeTarget))
                        .orElse(List.of(removeTarget));
            }
        });
    }
}
