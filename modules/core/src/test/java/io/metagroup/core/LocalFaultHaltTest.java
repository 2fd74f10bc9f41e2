package io.metagroup.core;

import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.ddl;
import static io.metagroup.core.Entries.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.core.JournalTestPlugin.Journal;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.TopologyChange.Join;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.PluginContext;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local fault halts apply at its index (never skips); a restart replays to the state of a node that never failed. */
class LocalFaultHaltTest {
    @TempDir
    Path dir;

    @Test
    void prepareFaultHaltsAtTheIndexAndARestartReplaysToTheSameDigest() throws Exception {
        Driver node = new Driver(Driver.withTestPlugins(dir.resolve("node")));
        node.apply(audited("alice", "CREATE TABLE a (x INT)"));
        node.apply(new Join(4, "10.0.0.4:9000"));
        node.apply(grant(USERS, 1, 4, 900));
        byte[] snapshotAt3 = Driver.snapshot(node.core);
        node.apply(audited("bob", "CREATE TABLE b (x INT)"));
        node.apply(ddl(1));

        node.core.applier(JournalTestPlugin.ID, Journal.class).failNextPrepare("disk full");
        Outcome faulted = node.apply(audited("carol", "CREATE TABLE c (x INT)"));

        String reason = "journal: journal store failed preparing index 6: disk full";
        assertThat(faulted).isEqualTo(new Outcome.LocalFault(reason));
        assertThat(node.core.appliedIndex()).isEqualTo(5);
        assertThat(node.core.fault()).contains("at index 6: " + reason);
        assertThat(node.apply(ddl(2))).isEqualTo(new Outcome.LocalFault("apply is halted: at index 6: " + reason));
        assertThat(node.core.appliedIndex()).isEqualTo(5);
        assertThatThrownBy(() -> Driver.snapshot(node.core)).hasMessageContaining("no snapshot while apply is halted");

        node.core.close();
        node.core = Driver.withTestPlugins(dir.resolve("node"));
        Driver.restore(node.core, snapshotAt3, 3);
        node.replay();

        assertThat(node.core.fault()).isEmpty();
        assertThat(node.core.appliedIndex()).isEqualTo(7);
        assertThat(node.core.digest()).isEqualTo(reference(node).core.digest());
        assertThat(node.core.applier(JournalTestPlugin.ID, Journal.class).rows()).hasSize(3);
    }

    @Test
    void faultWhileFinishingARecordHaltsBeforeTheIndexMoves() throws Exception {
        Driver node = new Driver(Driver.withTestPlugins(dir.resolve("node")));
        node.apply(audited("alice", "CREATE TABLE a (x INT)"));
        node.core.applier(JournalTestPlugin.ID, Journal.class).failNextFinish("fsync failed");

        Outcome faulted = node.apply(ddl(1));

        assertThat(faulted).isEqualTo(new Outcome.LocalFault("journal: journal store failed finishing index 2: fsync failed"));
        assertThat(node.core.appliedIndex()).isEqualTo(1);
        assertThat(node.core.applier(JournalTestPlugin.ID, Journal.class).durableIndex()).isEqualTo(1);

        node.core.close();
        node.core = Driver.withTestPlugins(dir.resolve("node"));
        node.replay();

        assertThat(node.core.appliedIndex()).isEqualTo(2);
        assertThat(node.core.digest()).isEqualTo(reference(node).core.digest());
    }

    @Test
    void anApplierThatThrowsHaltsTheNodeInsteadOfCrashingIt() throws Exception {
        Driver node = new Driver(Driver.create(dir, new ThrowingPlugin()));

        Outcome outcome = node.apply(ddl(1));

        assertThat(outcome).isInstanceOf(Outcome.LocalFault.class);
        assertThat(((Outcome.LocalFault) outcome).reason())
                .isEqualTo("thrower broke its contract: apply threw java.lang.IllegalStateException: bug");
        assertThat(node.core.appliedIndex()).isZero();
        assertThat(node.core.cache().catalogDdlCount()).as("the cache's staged change was dropped").isZero();
    }

    private Driver reference(Driver node) throws IOException {
        Driver reference = new Driver(Driver.withTestPlugins(dir.resolve("reference")));
        reference.log.addAll(node.log);
        reference.replay();
        assertThat(reference.core.fault()).isEmpty();
        return reference;
    }

    /** A plugin whose applier throws from apply, which the SPI forbids. */
    private static final class ThrowingPlugin implements ApplierPlugin {
        @Override
        public String id() {
            return "thrower";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public MetadataApplier create(PluginContext context) {
            return new DelegatingApplier("thrower") {
                @Override
                public Transaction begin(ApplyContext applyContext) {
                    return new Transaction() {
                        @Override
                        public Outcome apply(MetadataEntry entry) {
                            throw new IllegalStateException("bug");
                        }

                        @Override
                        public void commit() {
                        }

                        @Override
                        public void abort() {
                        }
                    };
                }
            };
        }
    }
}
