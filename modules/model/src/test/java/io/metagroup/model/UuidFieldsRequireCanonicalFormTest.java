package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Migration ids are UUIDs in canonical form only: 36 characters, lower-case hex, hyphenated. */
class UuidFieldsRequireCanonicalFormTest {
    private static final String CANONICAL = "123e4567-e89b-12d3-a456-426614174000";

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000",
            "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000", "1-2-3-4-5",
            "123e4567-e89b-12d3-a456-42661417400g", "{123e4567-e89b-12d3-a456-426614174000}"})
    void nonCanonicalTextIsRefused(String id) {
        assertThatThrownBy(() -> new MetadataEntry.MigrationAbort(id, "r", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("migrationAbort.migrationId");
        assertThatThrownBy(() -> new MetadataEntry.MigrationCheckpoint(id, MigrationPhase.CUTOVER, 0,
                new MigrationCheckpointPayload.Cutover(1, 1, 1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("migrationCheckpoint.migrationId");
    }

    @Test
    void canonicalTextIsKept() {
        assertThat(new MetadataEntry.MigrationAbort(CANONICAL, "r", List.of()).migrationId()).isEqualTo(CANONICAL);
        assertThat(new MetadataEntry.MigrationAbort("ffffffff-ffff-ffff-ffff-ffffffffffff", "", List.of()).migrationId())
                .isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
    }
}
