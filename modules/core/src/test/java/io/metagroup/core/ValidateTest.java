package io.metagroup.core;

import static io.metagroup.core.Entries.ddl;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.TopologyChange.Join;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stateless checks run before the log, in every applier, for a Batch and each of its sub-entries. */
class ValidateTest {
    @TempDir
    Path dir;

    @Test
    void anEntryEveryApplierAcceptsMayEnterTheLog() {
        MetadataCore core = Driver.withTestPlugins(dir);

        assertThat(core.validate(new Join(4, "10.0.0.4:9000"))).isEmpty();
        assertThat(core.validate(Batch.of(ddl(1), new Join(4, "10.0.0.4:9000")))).isEmpty();
    }

    @Test
    void aRefusalNamesTheApplierAndThePositionInTheBatch() {
        MetadataCore core = Driver.withTestPlugins(dir);

        assertThat(core.validate(new Join(4, "not an address"))).contains("topology: join address 'not an address' is not host:port");
        assertThat(core.validate(Batch.of(ddl(1), Batch.of(new Join(4, "bad"))))).contains(
                "batch entry [1]: batch entry [0]: topology: join address 'bad' is not host:port");
    }
}
