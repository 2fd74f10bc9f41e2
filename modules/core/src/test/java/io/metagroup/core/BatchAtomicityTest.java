package io.metagroup.core;

import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.ddl;
import static io.metagroup.core.Entries.grant;
import static io.metagroup.core.Entries.proposal;
import static io.metagroup.core.Entries.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.core.JournalTestPlugin.Journal;
import io.metagroup.core.TopologyTestPlugin.Topology;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.TopologyChange.Join;
import io.metagroup.model.TopologyChange.PromoteToVoter;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Batch with one refused sub-entry leaves every applier and every durable store as it was. */
class BatchAtomicityTest {
    @TempDir
    Path dir;

    private Driver driver;
    private Journal journal;
    private Topology topology;

    @BeforeEach
    void setUp() {
        driver = new Driver(Driver.withTestPlugins(dir));
        journal = driver.core.applier(JournalTestPlugin.ID, Journal.class);
        topology = driver.core.applier(TopologyTestPlugin.ID, Topology.class);
        driver.apply(audited("alice", "CREATE TABLE a (x INT)"));
    }

    @Test
    void refusalByAnInMemoryPluginLeavesTheDurableStoreUntouched() throws IOException {
        List<String> storedBefore = storedRows();
        int preparesBefore = journal.prepares();

        Outcome outcome = driver.apply(Batch.of(
                audited("alice", "CREATE TABLE b (x INT)"),
                grant(USERS, 1, 1, 5_000),
                new MetadataEntry.SurrogateAlloc(4096),
                new Join(9, "10.0.0.9:9000"),
                new PromoteToVoter(10)));

        assertThat(outcome).isEqualTo(Outcome.rejected("topology: batch entry [4]: node 10 is unknown, cannot become VOTER"));
        assertThat(journal.prepares()).as("nothing was prepared").isEqualTo(preparesBefore);
        assertThat(storedRows()).isEqualTo(storedBefore);
        assertThat(journal.rows()).isEqualTo(storedBefore);
        assertThat(journal.pendingFiles()).isZero();
        assertThat(topology.nodes()).isEmpty();
        assertThat(driver.core.cache().leases()).isEmpty();
        assertThat(driver.core.cache().surrogateHwm()).isZero();
        assertThat(driver.core.cache().catalogDdlCount()).isEqualTo(1);
        assertThat(driver.core.cache().topologyLog()).isEmpty();
    }

    @Test
    void refusalByTheDurablePluginLeavesTheOthersUntouched() throws IOException {
        driver.apply(audited("alice", "CREATE TABLE b (x INT)"));
        List<String> storedBefore = storedRows();

        Outcome outcome = driver.apply(Batch.of(
                new Join(9, "10.0.0.9:9000"),
                ddl(1),
                audited("alice", "CREATE TABLE c (x INT)"),
                audited("alice", "CREATE TABLE d (x INT)")));

        assertThat(outcome).isEqualTo(Outcome.rejected("journal: batch entry [3]: user alice used its quota of 3 audited DDL"));
        assertThat(storedRows()).isEqualTo(storedBefore).hasSize(2);
        assertThat(topology.nodes()).isEmpty();
        assertThat(driver.core.cache().catalogDdlCount()).isEqualTo(2);
    }

    @Test
    void proposalsOfOneRecordSettleIndependently() {
        List<Outcome> outcomes = driver.applyRecord(record(50,
                proposal(1, 1, new Join(4, "10.0.0.4:9000")),
                proposal(1, 2, new PromoteToVoter(5)),
                proposal(1, 3, new PromoteToVoter(4))));

        assertThat(outcomes).containsExactly(Outcome.applied(),
                Outcome.rejected("topology: node 5 is unknown, cannot become VOTER"), Outcome.applied());
        assertThat(topology.nodes().get(4L).state()).isEqualTo(TopologyTestPlugin.State.VOTER);
    }

    private List<String> storedRows() throws IOException {
        return Journal.storedRows(dir.resolve("plugins").resolve(JournalTestPlugin.ID));
    }
}
