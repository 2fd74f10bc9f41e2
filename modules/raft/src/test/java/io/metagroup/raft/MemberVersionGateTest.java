package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Versions": a ClusterVersionBump is refused unless every member supports its target. A group in the middle of
 * a rolling upgrade (nodes 1 and 2 support version 2, node 3 still only 1) refuses the bump at the leader's door,
 * naming node 3, and nothing enters the log; once node 3 restarts on the newer build the same bump applies everywhere.
 */
class MemberVersionGateTest {
    private static final String SETTING = MetadataGroup.SUPPORTED_VERSION_SETTING;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aBumpWaitsUntilEveryMemberSupportsItsTarget(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults(),
                id -> Map.of(SETTING, id == 3 ? "1" : "2"), members -> (viewer, member) -> member)) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            if (leader == 3) { // node 3 would refuse on its own account; the gate under test is about the others
                cluster.node(3).transferLeadership(1, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS);
                leader = cluster.awaitLeader(Duration.ofSeconds(20));
            }
            MetadataGroup proposer = cluster.node(leader == 1 ? 2 : 1);
            ProposalResult first = proposer.propose(Recorder.ddl("before")).get(30, TimeUnit.SECONDS);
            cluster.awaitAllApplied(first.index(), SETTLE);
            long commitBefore = cluster.node(leader).status().commitIndex();

            ProposalException refused = refusalOnceReported(proposer);
            assertThat(refused.kind()).isEqualTo(ProposalException.Kind.UNSUPPORTED_VERSION);
            assertThat(refused.getMessage()).contains("node 3 supports cluster version 1 at most")
                    .doesNotContain("node 1 ").doesNotContain("node 2 ");
            assertThat(cluster.node(leader).status().commitIndex()).as("nothing entered the log")
                    .isEqualTo(commitBefore);
            for (MetadataGroup node : cluster.live()) {
                assertThat(node.<Integer>readLocal(core -> core.cache().clusterVersion())).isEqualTo(1);
                assertThat(node.status().supportedVersion()).isEqualTo(node.nodeId() == 3 ? 1 : 2);
            }

            cluster.kill(3);
            cluster.restart(3, Map.of(SETTING, "2")); // node 3 upgraded
            ProposalResult bump = applyOnceAccepted(cluster, proposer);
            assertThat(bump.applied()).isTrue();
            cluster.awaitAllApplied(bump.index(), SETTLE);
            for (MetadataGroup node : cluster.live()) {
                assertThat(node.<Integer>readLocal(core -> core.cache().clusterVersion())).as("node %d", node.nodeId())
                        .isEqualTo(2);
                assertThat(node.digest()).isEqualTo(cluster.node(1).digest());
            }
        }
    }

    @Test
    void aSupportedVersionThatIsNoVersionIsRefusedAtStart(@TempDir Path dir) {
        for (String bad : List.of("two", "0", "70000")) {
            assertThatThrownBy(() -> TestCluster.start(dir.resolve(bad), 1, Tuning.defaults(),
                    id -> Map.of(SETTING, bad), members -> (viewer, member) -> member))
                    .hasMessageContaining(SETTING).hasMessageContaining("'" + bad + "'");
        }
    }

    /** The leader's refusal once it has heard from every member (until then it refuses for want of a report). */
    private static ProposalException refusalOnceReported(MetadataGroup proposer) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            ProposalException e = refusal(proposer);
            if (!e.getMessage().contains("has not reported") || System.nanoTime() > deadline) {
                return e;
            }
            Thread.sleep(200);
        }
    }

    private static ProposalException refusal(MetadataGroup proposer) throws Exception {
        try {
            ProposalResult r = proposer.propose(new MetadataEntry.ClusterVersionBump(1, 2)).get(30, TimeUnit.SECONDS);
            throw new AssertionError("the bump was not refused: " + r);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ProposalException.class);
            return (ProposalException) e.getCause();
        }
    }

    /** Proposes the bump with one key until the leader has the upgraded member's report and lets it in. */
    private static ProposalResult applyOnceAccepted(TestCluster cluster, MetadataGroup proposer) throws Exception {
        var key = proposer.nextKey();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        ExecutionException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return proposer.propose(key, new MetadataEntry.ClusterVersionBump(1, 2)).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ProposalException pe)
                        || !(pe.kind() == ProposalException.Kind.UNSUPPORTED_VERSION || pe.kind().retryable())) {
                    throw e;
                }
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the bump was not accepted after node 3 upgraded", last);
    }
}
