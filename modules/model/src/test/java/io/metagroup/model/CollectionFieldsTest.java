package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** List fields are copied and unmodifiable; a Batch and a log record are never empty. */
class CollectionFieldsTest {
    private static final MetadataEntry ONE = new MetadataEntry.SurrogateAlloc(1);

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> new MetadataEntry.Batch(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch.entries must not be empty");
    }

    @Test
    void aLogRecordWithoutProposalsIsRefused() {
        assertThatThrownBy(() -> new LogRecord(Hlc.ZERO, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logRecord.proposals must not be empty");
    }

    @Test
    void listsAreCopiedSoLaterChangesDoNotShow() {
        List<MetadataEntry> entries = new ArrayList<>(List.of(ONE));
        MetadataEntry.Batch batch = new MetadataEntry.Batch(entries);
        entries.add(ONE);
        assertThat(batch.entries()).hasSize(1);

        List<Compensation> compensations = new ArrayList<>();
        MetadataEntry.MigrationAbort abort = new MetadataEntry.MigrationAbort("123e4567-e89b-12d3-a456-426614174000",
                "r", compensations);
        compensations.add(new Compensation.RemoveGhostStub(1));
        assertThat(abort.compensations()).isEmpty();

        List<DescriptorId> ids = new ArrayList<>();
        MetadataEntry.DescriptorLeaseRelease release = new MetadataEntry.DescriptorLeaseRelease(1, ids);
        ids.add(new DescriptorId(1, DescriptorKind.ROLE, "r"));
        assertThat(release.descriptorIds()).isEmpty();
    }

    @Test
    void listsCannotBeChangedThroughTheRecord() {
        MetadataEntry.Batch batch = MetadataEntry.Batch.of(ONE);
        assertThatThrownBy(() -> batch.entries().add(ONE)).isInstanceOf(UnsupportedOperationException.class);
        LogRecord record = LogRecord.of(Hlc.ZERO, new Proposal(new IdempotencyKey(1, 1), ONE));
        assertThatThrownBy(() -> record.proposals().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
