package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Compensation;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationCheckpointPayload.AddLearner;
import io.metagroup.plugin.migration.MigrationRecovery;
import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader-side recovery scan: a migration whose last checkpoint is older than the timeout (by its tsMs) gets an
 * abort whose compensations undo what its phases did, in order; proposing those aborts clears the stale rows.
 */
class RecoveryScanTest {
    private static final long SOURCE_GROUP = 7;
    private static final long SOURCE_NODE = 1;
    private static final long TARGET_NODE = 2;
    private static final AddLearner ORIGIN =
            new AddLearner(5, SOURCE_NODE, TARGET_NODE, SOURCE_GROUP, 500_000, new Hlc(1, 0));

    @TempDir
    Path dir;

    private static MigrationRow rowAfter(MigrationCheckpointPayload latest) {
        return MigrationRow.first(checkpoint(id(1), ORIGIN, 0, 1)).next(checkpoint(id(1), latest, 0, 2));
    }

    @Test
    void eachPhaseIsUndoneByItsCompensations() {
        assertThat(MigrationRecovery.compensations(MigrationRow.first(checkpoint(id(1), ORIGIN, 0, 1))))
                .containsExactly(new Compensation.RemoveLearner(SOURCE_GROUP, TARGET_NODE));
        assertThat(MigrationRecovery.compensations(rowAfter(new MigrationCheckpointPayload.CatchUp(5, 10))))
                .containsExactly(new Compensation.RemoveLearner(SOURCE_GROUP, TARGET_NODE));
        assertThat(MigrationRecovery.compensations(rowAfter(
                new MigrationCheckpointPayload.PromoteLearner(5, TARGET_NODE, SOURCE_GROUP))))
                .containsExactly(new Compensation.RemoveVoter(SOURCE_GROUP, TARGET_NODE));
        assertThat(MigrationRecovery.compensations(rowAfter(
                new MigrationCheckpointPayload.LeadershipTransfer(5, true, TARGET_NODE, SOURCE_GROUP))))
                .containsExactly(new Compensation.RestoreLeaderHint(SOURCE_GROUP, SOURCE_NODE),
                        new Compensation.RemoveVoter(SOURCE_GROUP, TARGET_NODE));
        assertThat(MigrationRecovery.compensations(rowAfter(
                new MigrationCheckpointPayload.LeadershipTransfer(5, false, TARGET_NODE, SOURCE_GROUP))))
                .containsExactly(new Compensation.RestoreLeaderHint(SOURCE_GROUP, SOURCE_NODE),
                        new Compensation.RemoveLearner(SOURCE_GROUP, TARGET_NODE));
        assertThat(MigrationRecovery.compensations(rowAfter(
                new MigrationCheckpointPayload.Cutover(5, TARGET_NODE, SOURCE_GROUP))))
                .containsExactly(new Compensation.RestoreLeaderHint(SOURCE_GROUP, SOURCE_NODE),
                        new Compensation.RemoveVoter(SOURCE_GROUP, TARGET_NODE));
        assertThat(MigrationRecovery.compensations(rowAfter(new MigrationCheckpointPayload.Complete(5, 10, true))))
                .containsExactly(new Compensation.RemoveGhostStub(5));
        assertThat(MigrationRecovery.compensations(rowAfter(new MigrationCheckpointPayload.Complete(5, 10, false))))
                .isEmpty();
    }

    @Test
    void withoutTheOriginOnlyWhatThePayloadNamesIsUndone() {
        MigrationRow cutover = MigrationRow.first(checkpoint(id(1),
                new MigrationCheckpointPayload.Cutover(5, TARGET_NODE, SOURCE_GROUP), 0, 1));
        assertThat(MigrationRecovery.compensations(cutover))
                .containsExactly(new Compensation.RemoveVoter(SOURCE_GROUP, TARGET_NODE));
        MigrationRow catchUp = MigrationRow.first(checkpoint(id(1), new MigrationCheckpointPayload.CatchUp(5, 3), 0, 1));
        assertThat(MigrationRecovery.compensations(catchUp)).isEmpty();
    }

    @Test
    void onlyMigrationsOlderThanTheTimeoutAreStale() {
        List<MigrationRow> rows = List.of(
                MigrationRow.first(checkpoint(id(3), ORIGIN, 0, 9_000)),
                MigrationRow.first(checkpoint(id(2), ORIGIN, 0, 5_000)),
                MigrationRow.first(checkpoint(id(1), ORIGIN, 1, 1_000)),
                MigrationRow.first(checkpoint(id(4), ORIGIN, 0, 6_000)),   // exactly at the timeout: not yet
                MigrationRow.first(checkpoint(id(5), ORIGIN, 0, 20_000))); // stamped after now: not stale
        List<MigrationAbort> aborts = MigrationRecovery.staleAborts(rows, 10_000, 4_000);
        assertThat(aborts).extracting(MigrationAbort::migrationId).containsExactly(id(1), id(2));
        assertThat(aborts.get(0).reason()).contains("ADD_LEARNER", "attempt 1", "tsMs 1000", "4000 ms");
        assertThat(aborts.get(0).compensations())
                .containsExactly(new Compensation.RemoveLearner(SOURCE_GROUP, TARGET_NODE));
        assertThatThrownBy(() -> MigrationRecovery.staleAborts(rows, 10_000, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void theScanUsesTheConfiguredTimeoutAndItsAbortsClearTheRows() throws Exception {
        TestPluginContext context = TestPluginContext.in(dir).withSetting("recoveryTimeoutMs", "1000");
        try (MigrationApplier applier = (MigrationApplier) new MigrationPlugin().create(context)) {
            ApplierDriver driver = new ApplierDriver(applier);
            MigrationCheckpoint old = checkpoint(id(1), ORIGIN, 0, 100);
            MigrationCheckpoint recent = checkpoint(id(2), ORIGIN, 0, 1_900);
            driver.apply(old);
            driver.apply(recent);
            List<MigrationAbort> aborts = applier.recoveryScan(2_000);
            assertThat(aborts).extracting(MigrationAbort::migrationId).containsExactly(id(1));
            for (MigrationAbort abort : aborts) {
                assertThat(driver.apply(abort)).isEqualTo(Outcome.applied());
            }
            assertThat(applier.rows()).extracting(MigrationRow::migrationId).containsExactly(id(2));
            assertThat(applier.recoveryScan(2_000)).isEmpty();
        }
    }

    @Test
    void aBadSettingIsNamed() {
        TestPluginContext context = TestPluginContext.in(dir).withSetting("commitEvery", "often");
        assertThatThrownBy(() -> new MigrationPlugin().create(context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plugin.migration.commitEvery").hasMessageContaining("'often'");
    }
}
