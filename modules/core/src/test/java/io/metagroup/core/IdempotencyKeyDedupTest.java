package io.metagroup.core;

import static io.metagroup.core.Entries.ddl;
import static io.metagroup.core.Entries.proposal;
import static io.metagroup.core.Entries.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retried proposal returns its first outcome and is not applied again; the table is bounded and replicated. */
class IdempotencyKeyDedupTest {
    @TempDir
    Path dir;

    @Test
    void retryAtALaterIndexReturnsTheFirstOutcomeAndAppliesNothing() {
        MetadataCore core = Driver.create(dir);
        core.applyRecord(1, record(10, proposal(1, 1, ddl(1))));

        List<Outcome> retry = core.applyRecord(2, record(11, proposal(1, 1, ddl(1))));

        assertThat(retry).containsExactly(Outcome.applied());
        assertThat(core.cache().catalogDdlCount()).isEqualTo(1);
        assertThat(core.appliedIndex()).isEqualTo(2);
    }

    @Test
    void retryOfARefusedProposalStaysRefusedEvenWhenItWouldNowApply() {
        MetadataCore core = Driver.create(dir);
        Outcome first = core.applyRecord(1, record(10, proposal(1, 1, new ClusterVersionBump(2, 3)))).get(0);
        core.applyRecord(2, record(11, proposal(2, 1, new ClusterVersionBump(1, 2))));

        Outcome retry = core.applyRecord(3, record(12, proposal(1, 1, new ClusterVersionBump(2, 3)))).get(0);

        assertThat(first).isInstanceOf(Outcome.Rejected.class);
        assertThat(retry).isEqualTo(first);
        assertThat(core.cache().clusterVersion()).isEqualTo(2);
    }

    @Test
    void sameKeyTwiceInOneRecordAppliesOnce() {
        MetadataCore core = Driver.create(dir);

        List<Outcome> outcomes = core.applyRecord(1, record(10, proposal(1, 1, ddl(1)), proposal(1, 1, ddl(1))));

        assertThat(outcomes).containsExactly(Outcome.applied(), Outcome.applied());
        assertThat(core.cache().catalogDdlCount()).isEqualTo(1);
    }

    @Test
    void sequenceOlderThanTheProposersWindowIsRefusedRatherThanAppliedAgain() {
        MetadataCore core = Driver.create(dir);
        long index = 0;
        for (long sequence = 1; sequence <= DedupTable.DEFAULT_WINDOW + 1; sequence++) {
            core.applyRecord(++index, record(index, proposal(1, sequence, ddl(1))));
        }

        Outcome oldest = core.applyRecord(++index, record(index, proposal(1, 1, ddl(1)))).get(0);
        Outcome kept = core.applyRecord(++index, record(index, proposal(1, 2, ddl(1)))).get(0);

        assertThat(oldest).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) oldest).reason()).isEqualTo("idempotency key 1/1 is older than the dedup window"
                + " of its proposer (sequences up to 1 are forgotten): it may already have been applied, so it is not"
                + " applied again");
        assertThat(kept).isEqualTo(Outcome.applied());
        assertThat(core.cache().catalogDdlCount()).isEqualTo(DedupTable.DEFAULT_WINDOW + 1);
    }

    @Test
    void theLeastRecentlyActiveProposerIsForgottenFirstTiesByLowestId() {
        MetadataCore core = Driver.create(dir);
        // proposers 1 and 2 share the oldest index; 1 has the lower id, so it goes first
        core.applyRecord(1, record(1, proposal(2, 1, ddl(1)), proposal(1, 1, ddl(1))));
        long index = 1;
        for (long proposer = 3; proposer <= DedupTable.DEFAULT_MAX_PROPOSERS + 1; proposer++) {
            core.applyRecord(++index, record(index, proposal(proposer, 1, ddl(1))));
        }
        long applied = core.cache().catalogDdlCount();

        core.applyRecord(++index, record(index, proposal(2, 1, ddl(1))));
        assertThat(core.cache().catalogDdlCount()).as("proposer 2 is still remembered").isEqualTo(applied);
        core.applyRecord(++index, record(index, proposal(1, 1, ddl(1))));
        assertThat(core.cache().catalogDdlCount()).as("proposer 1 was forgotten").isEqualTo(applied + 1);
    }

    @Test
    void theTableTravelsInTheSnapshot() throws IOException {
        MetadataCore core = Driver.create(dir.resolve("a"));
        core.applyRecord(1, record(10, proposal(1, 1, ddl(1))));
        core.applyRecord(2, record(11, proposal(1, 2, new ClusterVersionBump(9, 10))));
        MetadataCore other = Driver.create(dir.resolve("b"));
        Driver.restore(other, Driver.snapshot(core), 2);

        List<Outcome> retries = other.applyRecord(3, record(12, proposal(1, 1, ddl(1)), proposal(1, 2, new ClusterVersionBump(1, 2))));

        assertThat(retries.get(0)).isEqualTo(Outcome.applied());
        assertThat(retries.get(1)).isInstanceOf(Outcome.Rejected.class);
        assertThat(other.cache().catalogDdlCount()).isEqualTo(1);
        assertThat(other.cache().clusterVersion()).isEqualTo(1);
    }
}
