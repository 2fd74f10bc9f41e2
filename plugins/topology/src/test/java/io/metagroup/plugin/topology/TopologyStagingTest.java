package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.join;
import static io.metagroup.plugin.topology.TopologyFixture.leave;
import static io.metagroup.plugin.topology.TopologyFixture.promote;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import org.junit.jupiter.api.Test;

class TopologyStagingTest {
    private final TopologyFixture t = TopologyFixture.create();

    private Transaction begin() {
        return t.applier.begin(new ApplyContext(t.applier.appliedIndex() + 1, Hlc.ZERO));
    }

    @Test
    void aLaterApplySeesTheEarlierOnesAndNothingShowsBeforeCommit() {
        Transaction tx = begin();

        assertThat(tx.apply(join(7, "10.0.0.7:9000"))).isEqualTo(Outcome.applied());
        assertThat(tx.apply(promote(7))).isEqualTo(Outcome.applied());
        assertThat(t.topology().contains(7)).as("not visible before commit").isFalse();

        tx.commit();

        assertThat(t.node(7).role()).isEqualTo(NodeRole.VOTER);
    }

    @Test
    void aNodeRemovedEarlierInTheTransactionIsGoneForLaterApplies() {
        t.driver.apply(join(7, "10.0.0.7:9000"));
        Transaction tx = begin();

        tx.apply(leave(7));
        tx.apply(join(7, "10.0.0.8:9000"));
        tx.commit();

        assertThat(t.node(7).address()).isEqualTo(NodeAddress.parse("10.0.0.8:9000"));
    }

    @Test
    void abortLeavesTheStateUntouched() {
        t.driver.apply(join(1, "10.0.0.1:9000"));
        var before = t.applier.digest();
        var view = t.topology();
        Transaction tx = begin();

        tx.apply(promote(1));
        tx.apply(join(2, "10.0.0.2:9000"));
        tx.apply(leave(1));
        tx.abort();

        assertThat(t.applier.digest()).isEqualTo(before);
        assertThat(t.topology()).isSameAs(view);
    }

    @Test
    void aBatchWithARejectedJoinLeavesNothingBehind() {
        Outcome outcome = t.driver.apply(Batch.of(join(1, "10.0.0.1:9000"), promote(1), join(2, "bad address:1")));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(t.topology().size()).isZero();
        assertThat(t.applier.appliedIndex()).isEqualTo(1);
    }
}
