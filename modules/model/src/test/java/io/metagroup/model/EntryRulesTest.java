package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rules that tie fields of one entry together: version bumps go up, CA changes change something, checkpoint phases match. */
class EntryRulesTest {
    private static final String UUID = "123e4567-e89b-12d3-a456-426614174000";

    @Test
    void aVersionBumpMustGoUp() {
        assertThatThrownBy(() -> new MetadataEntry.ClusterVersionBump(3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be greater than from");
        assertThatThrownBy(() -> new MetadataEntry.ClusterVersionBump(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MetadataEntry.ClusterVersionBump(3, 4).to()).isEqualTo(4);
    }

    @Test
    void aCaTrustChangeAddsRemovesOrBoth() {
        assertThatThrownBy(() -> new MetadataEntry.CaTrustChange(Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("or both");
        assertThatThrownBy(() -> new MetadataEntry.CaTrustChange(Optional.of(Bytes.empty()), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addCaCert must not be empty");
        Sha256 fingerprint = Sha256.of(new byte[32]);
        assertThat(new MetadataEntry.CaTrustChange(Optional.empty(), Optional.of(fingerprint)).removeCaFingerprint())
                .contains(fingerprint);
    }

    @Test
    void aCheckpointPhaseMustBeItsPayloadsPhase() {
        MigrationCheckpointPayload cutover = new MigrationCheckpointPayload.Cutover(1, 2, 3);
        assertThatThrownBy(() -> new MetadataEntry.MigrationCheckpoint(UUID, MigrationPhase.COMPLETE, 0, cutover, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThat(new MetadataEntry.MigrationCheckpoint(UUID, MigrationPhase.CUTOVER, 0, cutover, 0, 0).phase())
                .isEqualTo(cutover.phase());
    }

    @Test
    void everyPayloadNamesItsOwnPhase() {
        Hlc at = Hlc.ZERO;
        assertThat(new MigrationCheckpointPayload.AddLearner(1, 1, 1, 1, 1, at).phase()).isEqualTo(MigrationPhase.ADD_LEARNER);
        assertThat(new MigrationCheckpointPayload.CatchUp(1, 1).phase()).isEqualTo(MigrationPhase.CATCH_UP);
        assertThat(new MigrationCheckpointPayload.PromoteLearner(1, 1, 1).phase()).isEqualTo(MigrationPhase.PROMOTE_LEARNER);
        assertThat(new MigrationCheckpointPayload.LeadershipTransfer(1, true, 1, 1).phase())
                .isEqualTo(MigrationPhase.LEADERSHIP_TRANSFER);
        assertThat(new MigrationCheckpointPayload.Cutover(1, 1, 1).phase()).isEqualTo(MigrationPhase.CUTOVER);
        assertThat(new MigrationCheckpointPayload.Complete(1, 1, true).phase()).isEqualTo(MigrationPhase.COMPLETE);
    }
}
