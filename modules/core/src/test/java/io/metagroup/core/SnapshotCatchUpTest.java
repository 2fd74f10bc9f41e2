package io.metagroup.core;

import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.drain;
import static io.metagroup.core.Entries.grant;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that catches up by snapshot ends in the same state, and behaves the same, as one that replayed the log. */
class SnapshotCatchUpTest {
    @TempDir
    Path dir;

    @Test
    void snapshotCarriesEveryAppliersStateCanonically() throws IOException {
        Driver leader = new Driver(Driver.withTestPlugins(dir.resolve("leader")));
        leader.apply(new TopologyChange.Join(4, "10.0.0.4:9000"));
        leader.apply(new RoutingChange.ReassignVShard(9, 2, 4));
        leader.apply(audited("alice", "CREATE TABLE a (x INT)"));
        leader.apply(drain(USERS, 3, 1_000_000));
        leader.apply(new MetadataEntry.ClusterVersionBump(1, 2));
        leader.apply(new MetadataEntry.SurrogateAlloc(77));
        // enough leases for the cache's section to span several 64 KiB frames
        List<MetadataEntry> grants = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            grants.add(grant(new DescriptorId(i % 7, DescriptorKind.values()[i % 16], "descriptor-" + i), i, i % 5, 2_000 + i));
        }
        leader.apply(new MetadataEntry.Batch(grants));
        byte[] snapshot = Driver.snapshot(leader.core);
        assertThat(snapshot.length).isGreaterThan(3 * SnapshotFormat.MAX_FRAME);

        Driver follower = new Driver(Driver.withTestPlugins(dir.resolve("follower")));
        Driver.restore(follower.core, snapshot, leader.log.size());

        assertThat(follower.core.appliedIndex()).isEqualTo(leader.core.appliedIndex());
        assertThat(follower.core.digest()).isEqualTo(leader.core.digest());
        assertThat(Driver.snapshot(follower.core)).isEqualTo(snapshot);
        assertThat(follower.core.cache().leases()).isEqualTo(leader.core.cache().leases());
        assertThat(follower.core.cache().topologyLog()).isEqualTo(leader.core.cache().topologyLog());
        assertThat(follower.core.cache().routingLog()).isEqualTo(leader.core.cache().routingLog());
        assertThat(follower.core.cache().drains()).isEqualTo(leader.core.cache().drains());
        assertThat(follower.core.cache().lastRecordHlc()).isEqualTo(leader.core.cache().lastRecordHlc());

        follower.log.addAll(leader.log);
        List<MetadataEntry> next = List.of(grant(USERS, 3, 1, 5_000), new TopologyChange.PromoteToVoter(4),
                new MetadataEntry.ClusterVersionBump(1, 3), audited("alice", "DROP TABLE a"));
        for (MetadataEntry entry : next) {
            Outcome onLeader = leader.apply(entry);
            Outcome onFollower = follower.applyRecord(leader.log.get(leader.log.size() - 1)).get(0);
            assertThat(onFollower).isEqualTo(onLeader);
        }
        assertThat(follower.core.digest()).isEqualTo(leader.core.digest());
    }
}
