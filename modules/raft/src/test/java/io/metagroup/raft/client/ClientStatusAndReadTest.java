package io.metagroup.raft.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.Tuning;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote client sees each member's status (one leader, every member's role, term and indexes), the membership,
 * and reads the state linearizably: what was acknowledged is in the read, and each member's own state has the same
 * digest at the same index. A killed member is reported with the reason, and reads go on without it.
 */
class ClientStatusAndReadTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void statusMembersAndLinearizableReads(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults());
             MetadataClient client = Clients.of(cluster)) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            // on a loaded machine the first leadership may still move: wait until all three agree on one leader
            ClusterStatus seen = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; ) {
                seen = uncheckedStatus(client);
                if (seen.answered().size() == 3 && agreedLeader(seen) > 0) {
                    break;
                }
                Thread.sleep(50);
            }
            long leader = agreedLeader(seen);
            assertThat(seen.answered()).as("every member answers: %s", seen).hasSize(3);
            assertThat(leader).as("every member agrees on the leader: %s", seen).isPositive();
            ClusterStatus status = client.status();
            assertThat(status.cluster()).isEqualTo("test");
            assertThat(status.reports()).extracting(PeerReport::nodeId).containsExactly(1L, 2L, 3L);
            assertThat(status.leader()).map(GroupStatus::nodeId).hasValue(leader);
            assertThat(status.answered()).filteredOn(s -> s.role() == GroupStatus.Role.FOLLOWER).hasSize(2);
            assertThat(status.answered()).allMatch(GroupStatus::healthy);
            assertThat(client.members()).extracting(GroupStatus.PeerStatus::nodeId).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(client.members()).allMatch(GroupStatus.PeerStatus::voter);

            DescriptorId users = new DescriptorId(1, DescriptorKind.COLLECTION, "users");
            DescriptorLease lease = new DescriptorLease(users, 3, 2, new Hlc(Long.MAX_VALUE / 2, 0));
            client.propose(new MetadataEntry.DescriptorLeaseGrant(lease)).get(30, TimeUnit.SECONDS);
            client.propose(new MetadataEntry.SurrogateAlloc(4096)).get(30, TimeUnit.SECONDS);
            ProposalResult last = client.propose(Recorder.ddl("read-me")).get(30, TimeUnit.SECONDS);

            StateSummary read = client.read();
            assertThat(read.appliedIndex()).isGreaterThan(last.index());
            assertThat(read.catalogDdlCount()).isEqualTo(1);
            assertThat(read.clusterVersion()).isEqualTo(1);
            assertThat(read.surrogateHwm()).isEqualTo(4096);
            assertThat(read.leases()).containsExactly(lease);
            assertThat(read.plugins()).containsExactly("recorder@1");

            cluster.awaitAllApplied(read.appliedIndex(), Duration.ofSeconds(30));
            for (long id : cluster.ids()) {
                StateSummary local = client.readLocal(id);
                assertThat(local.nodeId()).isEqualTo(id);
                assertThat(local.digest()).as("node %d", id).isEqualTo(cluster.node(id).digest());
                assertThat(local.digest()).isEqualTo(read.digest());
            }

            cluster.kill(leader);
            ClusterStatus without = client.status();
            PeerReport dead = without.reports().stream().filter(r -> r.nodeId() == leader).findFirst().orElseThrow();
            assertThat(dead.status()).isEmpty();
            assertThat(dead.problem()).hasValueSatisfying(p -> assertThat(p).isNotBlank());
            ProposalResult after = client.propose(Recorder.ddl("after")).get(30, TimeUnit.SECONDS);
            StateSummary again = client.read();
            assertThat(again.appliedIndex()).isGreaterThan(after.index());
            assertThat(again.catalogDdlCount()).isEqualTo(2);
            assertThat(again.nodeId()).isNotEqualTo(leader);
        }
    }

    /** The leader every member that answered names, or -1 when they do not agree or name none. */
    private static long agreedLeader(ClusterStatus status) {
        var named = status.answered().stream().map(g -> g.leader().orElse(-1)).distinct().toList();
        return named.size() == 1 ? named.get(0) : -1;
    }

    private static ClusterStatus uncheckedStatus(MetadataClient client) {
        try {
            return client.status();
        } catch (GroupUnreachableException e) {
            return new ClusterStatus("test", List.of());
        }
    }
}
