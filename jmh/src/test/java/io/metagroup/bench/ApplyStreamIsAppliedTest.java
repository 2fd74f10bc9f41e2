package io.metagroup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.core.MetadataCore;
import io.metagroup.plugin.migration.MigrationStateTable;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark streams exercise real effects: nothing they feed is rejected or skipped as a duplicate. */
@SuppressWarnings("try") // MetadataCore.close() throws Exception
class ApplyStreamIsAppliedTest {
    @TempDir
    Path dir;

    @Test
    void everyProposalOfTheApplyStreamIsApplied() throws Exception {
        ApplyStream stream = new ApplyStream(64);
        HashMapApplier baseline = new HashMapApplier();
        ApplyStream same = new ApplyStream(64);
        try (MetadataCore core = MetadataCore.create(Plugins.discover(Set.of("topology", "routing")), dir,
                ApplyStream.GENESIS)) {
            for (int r = 0; r < 200; r++) {
                long index = stream.nextIndex();
                List<Outcome> outcomes = core.applyRecord(index, stream.next());
                assertThat(outcomes).hasSize(64).allMatch(Outcome::isApplied, "applied");
                assertThat(baseline.apply(same.nextIndex(), same.next())).isEqualTo(64);
            }
            assertThat(core.appliedIndex()).isEqualTo(200);
        }
    }

    @Test
    void everyCheckpointUpsertsARow() throws Exception {
        MigrationStoreBenchmark bench = new MigrationStoreBenchmark();
        MigrationStoreBenchmark.Plugin state = new MigrationStoreBenchmark.Plugin();
        state.commitEvery = 1000;
        state.start();
        try {
            for (int i = 0; i < 2048; i++) {
                assertThat(bench.migrationPlugin(state).isApplied()).isTrue();
            }
            MigrationStateTable table = state.table();
            assertThat(table.rows()).hasSize(1024).allMatch(row -> row.attempt() >= 2);
            assertThat(table.durableIndex()).isEqualTo(2000);
        } finally {
            state.stop();
        }
    }
}
