package io.metagroup.core;

import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.ddl;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache logs topology and routing changes with their index and counts catalog DDL of both kinds. */
class ChangeLogTest {
    @TempDir
    Path dir;

    @Test
    void topologyAndRoutingChangesAreLoggedWithTheirIndex() {
        Driver driver = new Driver(Driver.create(dir));
        MetadataCache cache = driver.core.cache();
        TopologyChange join = new TopologyChange.Join(4, "10.0.0.4:9000");
        RoutingChange transfer = new RoutingChange.LeadershipTransfer(3, 4);
        RoutingChange reassign = new RoutingChange.ReassignVShard(17, 3, 4);

        driver.apply(join);
        driver.apply(ddl(1));
        driver.apply(MetadataEntry.Batch.of(transfer, reassign));

        assertThat(cache.topologyLog()).containsExactly(new ChangeLogEntry<>(1, join));
        assertThat(cache.routingLog()).containsExactly(new ChangeLogEntry<>(3, transfer), new ChangeLogEntry<>(3, reassign));
    }

    @Test
    void bothKindsOfCatalogDdlAreCountedAndOtherEntriesAreNot() {
        Driver driver = new Driver(Driver.create(dir));

        driver.apply(ddl(1));
        driver.apply(audited("alice", "CREATE TABLE t (x INT)"));
        driver.apply(new MetadataEntry.CaTrustChange(Optional.empty(), Optional.of(Sha256.of(new byte[32]))));
        driver.apply(new MetadataEntry.CatalogDdl(Bytes.empty()));

        assertThat(driver.core.cache().catalogDdlCount()).isEqualTo(3);
        assertThat(driver.core.cache().topologyLog()).isEmpty();
    }
}
