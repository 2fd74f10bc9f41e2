package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.join;
import static io.metagroup.plugin.topology.TopologyFixture.promote;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.model.Bytes;
import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class JoinTest {
    private final TopologyFixture t = TopologyFixture.create();

    @Test
    void aNewNodeJoinsAsALearnerInStateJoining() {
        assertThat(t.driver.apply(join(7, "10.0.0.7:9000"))).isEqualTo(Outcome.applied());

        assertThat(t.node(7)).isEqualTo(new NodeInfo(7, NodeAddress.parse("10.0.0.7:9000"), NodeState.JOINING,
                NodeRole.LEARNER));
        assertThat(t.applier.appliedIndex()).isEqualTo(1);
    }

    @Test
    void aKnownNodeIsNotAddedAgainEvenWithAnotherAddress() {
        t.driver.apply(join(7, "10.0.0.7:9000"));
        t.driver.apply(promote(7));
        var digest = t.applier.digest();

        assertThat(t.driver.apply(join(7, "10.0.0.8:9001"))).isEqualTo(Outcome.applied());

        assertThat(t.node(7).address()).isEqualTo(NodeAddress.parse("10.0.0.7:9000"));
        assertThat(t.node(7).role()).isEqualTo(NodeRole.VOTER);
        assertThat(t.applier.digest()).isEqualTo(digest);
    }

    @Test
    void anAddressThatDoesNotParseIsRejectedAndChangesNothing() {
        t.driver.apply(join(1, "10.0.0.1:9000"));
        var before = t.topology();

        Outcome outcome = t.driver.apply(join(2, "10.0.0.300:9000"));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome).reason())
                .startsWith("join of node 2 refused: address '10.0.0.300:9000' is not valid")
                .contains("octet '300'");
        assertThat(t.topology()).isEqualTo(before);
        assertThat(t.applier.appliedIndex()).as("a rejected record still counts as applied").isEqualTo(2);
    }

    @Test
    void aBadAddressIsRejectedEvenForAKnownNode() {
        t.driver.apply(join(1, "10.0.0.1:9000"));

        assertThat(t.driver.apply(join(1, "nohost"))).isInstanceOf(Outcome.Rejected.class);
        assertThat(t.node(1).address()).isEqualTo(NodeAddress.parse("10.0.0.1:9000"));
    }

    @Test
    void validateRefusesABadAddressBeforeTheLog() {
        assertThat(t.applier.validate(join(u64Max(), "[::1]"))).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("join of node 18446744073709551615 refused: address '[::1]' is not valid"));
        assertThat(t.applier.validate(join(3, "[::1]:9000"))).isEmpty();
        assertThat(t.applier.validate(new CatalogDdl(Bytes.empty()))).isEmpty();
        assertThat(t.applier.validate(Batch.of(join(3, "x")))).as("sub-entries are validated one by one").isEmpty();
    }

    @Test
    void joinIsIdempotentAcrossRecords() {
        t.driver.apply(join(5, "node5.local:7000"));
        var afterFirst = t.applier.digest();

        t.driver.apply(join(5, "node5.local:7000"));

        assertThat(t.applier.digest()).isEqualTo(afterFirst);
        assertThat(t.topology().size()).isEqualTo(1);
    }

    private static long u64Max() {
        return -1L;
    }
}
