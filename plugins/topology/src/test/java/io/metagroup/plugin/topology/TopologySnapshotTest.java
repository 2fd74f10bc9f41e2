package io.metagroup.plugin.topology;

import static io.metagroup.plugin.topology.TopologyFixture.finishDecommission;
import static io.metagroup.plugin.topology.TopologyFixture.join;
import static io.metagroup.plugin.topology.TopologyFixture.promote;
import static io.metagroup.plugin.topology.TopologyFixture.startDecommission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TopologySnapshotTest {

    private static TopologyFixture sample() {
        TopologyFixture t = TopologyFixture.create();
        t.driver.apply(join(3, "[::1]:9003"));
        t.driver.apply(join(-2L, "node-big.example:9000"));
        t.driver.apply(join(1, "10.0.0.1:9001"));
        t.driver.apply(promote(1));
        t.driver.apply(startDecommission(3));
        t.driver.apply(finishDecommission(3));
        return t;
    }

    @Test
    void aRestoredApplierHasTheSameStateDigestAndIndex() throws IOException {
        TopologyFixture source = sample();
        TopologyFixture copy = TopologyFixture.create();

        ApplierDriver.restore(copy.applier, ApplierDriver.snapshot(source.applier), 6);

        assertThat(copy.topology()).isEqualTo(source.topology());
        assertThat(copy.applier.digest()).isEqualTo(source.applier.digest());
        assertThat(copy.applier.appliedIndex()).isEqualTo(6);
        assertThat(ApplierDriver.snapshot(copy.applier)).isEqualTo(ApplierDriver.snapshot(source.applier));
    }

    @Test
    void theSameStateReachedInAnotherOrderEncodesToTheSameBytes() {
        TopologyFixture a = TopologyFixture.create();
        a.driver.apply(join(1, "10.0.0.1:9001"));
        a.driver.apply(join(2, "10.0.0.2:9002"));
        TopologyFixture b = TopologyFixture.create();
        b.driver.apply(join(2, "10.0.0.2:9002"));
        b.driver.apply(join(1, "10.0.0.1:9001"));
        b.driver.record();

        assertThat(ApplierDriver.snapshot(b.applier)).isEqualTo(ApplierDriver.snapshot(a.applier));
        assertThat(b.applier.digest()).as("the digest covers state, not indexes").isEqualTo(a.applier.digest());
    }

    @Test
    void theDigestChangesWhenOneFieldChanges() {
        var base = single("10.0.0.1:9001").applier.digest();

        assertThat(single("10.0.0.1:9002").applier.digest()).isNotEqualTo(base);
        TopologyFixture promoted = single("10.0.0.1:9001");
        promoted.driver.apply(promote(1));
        assertThat(promoted.applier.digest()).isNotEqualTo(base);
        TopologyFixture draining = single("10.0.0.1:9001");
        draining.driver.apply(startDecommission(1));
        assertThat(draining.applier.digest()).isNotEqualTo(base);
        TopologyFixture otherId = TopologyFixture.create();
        otherId.driver.apply(join(2, "10.0.0.1:9001"));
        assertThat(otherId.applier.digest()).isNotEqualTo(base);
    }

    private static TopologyFixture single(String address) {
        TopologyFixture t = TopologyFixture.create();
        t.driver.apply(join(1, address));
        return t;
    }

    @Test
    void malformedSectionsAreRefusedNamingTheProblemAndLeaveTheStateUntouched() {
        TopologyFixture t = sample();
        var before = t.topology();
        byte[] good = ApplierDriver.snapshot(t.applier);

        assertRefused(t, Arrays.copyOf(good, good.length - 1), "is truncated");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertRefused(t, badMagic, "not the magic 0x4D475450");
        assertRefused(t, section(1, 99, 0), "has format version 99; this plugin reads version 1");
        assertRefused(t, section(1, 1, -3), "negative node count -3");
        assertRefused(t, withNodes(node(5, "10.0.0.5:1", 0, 0), node(4, "10.0.0.4:1", 0, 0)),
                "lists node 4 after node 5: ids must ascend");
        assertRefused(t, withNodes(node(5, "10.0.0.5:1", 7, 0)), "node 5 has unknown state code 7");
        assertRefused(t, withNodes(node(5, "10.0.0.5:1", 0, 2)), "node 5 has unknown role code 2");
        assertRefused(t, withNodes(node(5, "10.0.0.5", 0, 0)), "node 5: address '10.0.0.5' is not valid");

        assertThat(t.topology()).isEqualTo(before);
        assertThat(t.applier.appliedIndex()).isEqualTo(6);
    }

    private static void assertRefused(TopologyFixture t, byte[] section, String problem) {
        assertThatThrownBy(() -> ApplierDriver.restore(t.applier, section, 100))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("topology snapshot section ")
                .hasMessageContaining(problem);
    }

    private interface Writes {
        void to(DataOutputStream out) throws IOException;
    }

    private static Writes node(long id, String address, int state, int role) {
        return out -> {
            out.writeLong(id);
            out.writeUTF(address);
            out.writeByte(state);
            out.writeByte(role);
        };
    }

    private static byte[] withNodes(Writes... nodes) {
        return section(1, 1, nodes.length, nodes);
    }

    private static byte[] section(int magicTail, int version, int count, Writes... nodes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magicTail == 1 ? 0x4D47_5450 : magicTail);
            out.writeInt(version);
            out.writeInt(count);
            for (Writes node : nodes) {
                node.to(out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
