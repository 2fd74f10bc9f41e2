package io.metagroup.core;

import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.ddl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.core.JournalTestPlugin.Journal;
import io.metagroup.core.TopologyTestPlugin.Topology;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.TopologyChange.Join;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart with a plugin store ahead of the last snapshot: every applier goes back to one index and the log is
 * replayed to all of them, so a proposal the durable plugin refused after the snapshot stays refused everywhere.
 */
class DurableRestartTest {
    @TempDir
    Path dir;

    @Test
    void refusalMadeByTheDurablePluginAfterTheSnapshotIsReplayedFaithfully() throws Exception {
        Driver node = new Driver(Driver.withTestPlugins(dir.resolve("node")));
        for (int i = 0; i < JournalTestPlugin.QUOTA; i++) {
            node.apply(audited("alice", "CREATE TABLE t" + i + " (x INT)"));
        }
        byte[] snapshot = Driver.snapshot(node.core);
        Outcome refused = node.apply(Batch.of(new Join(7, "10.0.0.7:9000"), audited("alice", "DROP TABLE t0")));
        node.apply(ddl(1));
        assertThat(refused).isInstanceOf(Outcome.Rejected.class);
        var before = node.core.digest();
        node.core.close();

        node.core = Driver.withTestPlugins(dir.resolve("node"));
        assertThat(node.core.applier(JournalTestPlugin.ID, Journal.class).durableIndex()).isEqualTo(5);
        assertThat(node.core.appliedIndex()).isZero();
        Driver.restore(node.core, snapshot, 3);
        assertThat(node.core.applier(JournalTestPlugin.ID, Journal.class).appliedIndex()).isEqualTo(3);
        node.replay();

        assertThat(node.core.applier(TopologyTestPlugin.ID, Topology.class).nodes()).doesNotContainKey(7L);
        assertThat(node.core.cache().topologyLog()).isEmpty();
        assertThat(node.core.digest()).isEqualTo(before);
    }

    @Test
    void withoutASnapshotTheStoreIsResetFromGenesisAndTheWholeLogReplayed() throws Exception {
        Driver node = new Driver(Driver.withTestPlugins(dir.resolve("node")));
        for (int i = 0; i <= JournalTestPlugin.QUOTA; i++) {
            node.apply(Batch.of(new Join(10 + i, "10.0.0.1:9000"), audited("alice", "CREATE TABLE t" + i + " (x INT)")));
        }
        var before = node.core.digest();
        node.core.close();

        node.core = Driver.withTestPlugins(dir.resolve("node"));
        assertThatThrownBy(() -> Driver.snapshot(node.core)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("the appliers hold different indexes (core at 0, topology at 0, journal at 4)");
        node.replay();

        assertThat(node.core.fault()).isEmpty();
        assertThat(node.core.digest()).isEqualTo(before);
        assertThat(node.core.applier(TopologyTestPlugin.ID, Topology.class).nodes()).hasSize(JournalTestPlugin.QUOTA);
    }

    @Test
    void aStoreAheadWithNoMatchingGenesisHaltsWithTheReason() throws Exception {
        Driver node = new Driver(Driver.withTestPlugins(dir.resolve("node")));
        node.apply(audited("alice", "CREATE TABLE t (x INT)"));
        node.core.close();

        node.core = Driver.create(dir.resolve("node"), new JournalTestPlugin(), new TopologyTestPlugin(),
                NoopApplier.plugin("extra", 1));
        node.replay();

        assertThat(node.core.fault()).hasValueSatisfying(fault -> assertThat(fault).startsWith(
                "at index 1: the appliers hold different indexes (core at 0, extra at 0, topology at 0, journal at 1)"
                        + " and resetting them from ").contains("was written by plugin set [topology@1, journal@1], but"
                        + " this node runs [extra@1, topology@1, journal@1]"));
        assertThat(node.core.appliedIndex()).isZero();
    }

    @Test
    void aSnapshotRestoredOverAStoreBehindItMovesTheStoreForward() throws IOException {
        Driver leader = new Driver(Driver.withTestPlugins(dir.resolve("leader")));
        leader.apply(audited("alice", "CREATE TABLE a (x INT)"));
        Driver follower = new Driver(Driver.withTestPlugins(dir.resolve("follower")));
        follower.log.addAll(leader.log);
        follower.replay();
        leader.apply(audited("bob", "CREATE TABLE b (x INT)"));
        leader.apply(audited("bob", "CREATE TABLE c (x INT)"));

        Driver.restore(follower.core, Driver.snapshot(leader.core), 3);

        assertThat(follower.core.digest()).isEqualTo(leader.core.digest());
        assertThat(Journal.storedRows(dir.resolve("follower").resolve("plugins").resolve(JournalTestPlugin.ID))).hasSize(3);
    }
}
