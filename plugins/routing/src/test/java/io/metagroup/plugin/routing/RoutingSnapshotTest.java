package io.metagroup.plugin.routing;

import static io.metagroup.plugin.routing.RoutingFixture.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.RoutingChange.LeadershipTransfer;
import io.metagroup.model.RoutingChange.ReassignVShard;
import io.metagroup.model.RoutingChange.RemoveMember;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RoutingSnapshotTest {
    /** Bytes before the group count: magic, version, and one flag byte per unassigned vShard. */
    private static final int GROUPS_OFFSET = 8 + RoutingTable.VSHARD_COUNT;

    private static RoutingFixture sample() {
        RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.of(Map.of(),
                List.of(group(0, List.of(1L, 2L, 3L), List.of(4L), 1, 2), group(-5L, List.of(9L), List.of(), 9, 1))));
        r.driver.apply(new ReassignVShard(3, 0, 2));
        r.driver.apply(new ReassignVShard(1000, -5L, 9));
        r.driver.apply(new RemoveMember(0, 4));
        r.driver.apply(new LeadershipTransfer(0, 3));
        return r;
    }

    @Test
    void aRestoredApplierHasTheSameTableDigestAndIndex() throws IOException {
        RoutingFixture source = sample();
        RoutingFixture copy = RoutingFixture.startingFrom(RoutingTable.uniform(3, List.of(1L, 2L), 1));

        ApplierDriver.restore(copy.applier, ApplierDriver.snapshot(source.applier), 4);

        assertThat(copy.table()).isEqualTo(source.table());
        assertThat(copy.applier.digest()).isEqualTo(source.applier.digest());
        assertThat(copy.applier.appliedIndex()).isEqualTo(4);
        assertThat(ApplierDriver.snapshot(copy.applier)).isEqualTo(ApplierDriver.snapshot(source.applier));
    }

    @Test
    void theSnapshotIsTheTablesCanonicalEncoding() throws IOException {
        RoutingFixture r = sample();
        byte[] section = ApplierDriver.snapshot(r.applier);

        assertThat(RoutingFixture.encode(r.table())).isEqualTo(section);
        assertThat(RoutingTable.readFrom(new ByteArrayInputStream(section))).isEqualTo(r.table());
    }

    @Test
    void theDigestChangesWhenOneFieldChanges() {
        GroupInfo base = group(0, List.of(1L, 2L), List.of(3L), 1, 2);
        var digest = digestOf(RoutingTable.of(Map.of(0, 0L), List.of(base)));

        List<RoutingTable> variants = List.of(
                RoutingTable.of(Map.of(0, 1L), List.of(base)),
                RoutingTable.of(Map.of(1, 0L), List.of(base)),
                RoutingTable.of(Map.of(), List.of(base)),
                RoutingTable.of(Map.of(0, 0L), List.of(group(0, List.of(1L, 2L), List.of(3L), 2, 2))),
                RoutingTable.of(Map.of(0, 0L), List.of(new GroupInfo(0, List.of(1L, 2L), List.of(3L),
                        OptionalLong.empty(), 2))),
                RoutingTable.of(Map.of(0, 0L), List.of(group(0, List.of(1L, 2L), List.of(3L), 1, 1))),
                RoutingTable.of(Map.of(0, 0L), List.of(group(0, List.of(1L, 2L), List.of(), 1, 2))),
                RoutingTable.of(Map.of(0, 0L), List.of(group(0, List.of(1L, 2L, 3L), List.of(), 1, 2))),
                RoutingTable.of(Map.of(0, 0L), List.of(group(1, List.of(1L, 2L), List.of(3L), 1, 2))));

        for (RoutingTable variant : variants) {
            assertThat(digestOf(variant)).as(variant.toString()).isNotEqualTo(digest);
        }
    }

    private static Object digestOf(RoutingTable table) {
        return RoutingFixture.startingFrom(table).applier.digest();
    }

    @Test
    void malformedSectionsAreRefusedNamingTheProblemAndLeaveTheStateUntouched() {
        RoutingFixture r = RoutingFixture.startingFrom(RoutingTable.of(Map.of(),
                List.of(group(0, List.of(1L, 2L), List.of(), 1, 1), group(1, List.of(1L), List.of(), 1, 1))));
        var before = r.table();
        byte[] good = ApplierDriver.snapshot(r.applier);

        assertRefused(r, Arrays.copyOf(good, good.length - 3), "is truncated");
        assertRefused(r, patchInt(good, 0, 0x4D475255), "not the magic 0x4D475254");
        assertRefused(r, patchInt(good, 4, 2), "has format version 2; this plugin reads version 1");
        byte[] badFlag = good.clone();
        badFlag[8 + 17] = 2;
        assertRefused(r, badFlag, "has 2 as the assigned flag of vShard 17; it must be 0 or 1");
        assertRefused(r, patchInt(good, GROUPS_OFFSET, -1), "has a negative group count -1");
        // group 0: id, factor, leader flag + leader, member count, members 1 and 2
        int group0 = GROUPS_OFFSET + 4;
        assertRefused(r, patchLong(good, group0 + 8 + 4 + 1 + 8 + 4, 2), "lists group 0 members out of order");
        assertRefused(r, patchInt(good, group0 + 8, 0), "is inconsistent: group 0: replication factor must be at"
                + " least 1");
        assertRefused(r, patchLong(good, group0, 1), "lists group 1 after group 1: ids must ascend");

        assertThat(r.table()).isEqualTo(before);
    }

    private static void assertRefused(RoutingFixture r, byte[] section, String problem) {
        assertThatThrownBy(() -> ApplierDriver.restore(r.applier, section, 50))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("routing snapshot section ")
                .hasMessageContaining(problem);
    }

    private static byte[] patchInt(byte[] bytes, int offset, int value) {
        byte[] patched = bytes.clone();
        ByteBuffer.wrap(patched).putInt(offset, value);
        return patched;
    }

    private static byte[] patchLong(byte[] bytes, int offset, long value) {
        byte[] patched = bytes.clone();
        ByteBuffer.wrap(patched).putLong(offset, value);
        return patched;
    }
}
