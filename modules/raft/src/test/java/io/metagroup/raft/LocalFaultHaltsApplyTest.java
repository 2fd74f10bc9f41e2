package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.metagroup.raft.support.Await;
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
 * A follower whose own store fails stops applying at that index: it reports unhealthy, keeps running, refuses
 * proposals and linearizable reads, never moves its applied index past the failed entry, and does not shut down.
 * The others go on. Restarted without the fault, it replays from its last snapshot and converges.
 */
class LocalFaultHaltsApplyTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLocalFaultHaltsApplyOnThatNodeOnlyAndARestartReplays(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            long faulty = leader % 3 + 1;
            MetadataGroup proposer = cluster.node(leader);
            ProposalResult warm = proposer.propose(Recorder.ddl("warm")).get(20, TimeUnit.SECONDS);
            cluster.awaitAllApplied(warm.index(), Duration.ofSeconds(20));

            long faultAt = warm.index() + 3;
            cluster.kill(faulty);
            MetadataGroup sick = cluster.restart(faulty, Map.of("plugin.recorder.fault-at-index", Long.toString(faultAt)));
            int sent = 0;
            while (sick.status().healthy() && sent < 30) {
                proposer.propose(Recorder.ddl("x" + sent++)).get(20, TimeUnit.SECONDS);
                Thread.sleep(50);
            }
            Await.until(Duration.ofSeconds(10), "the faulty node halts", () -> !sick.status().healthy());
            GroupStatus status = sick.status();
            assertThat(status.fault()).get().asString().contains("injected store failure at index " + faultAt);
            assertThat(status.appliedIndex()).isEqualTo(faultAt - 1);

            // the others go on; the halted node stays where it stopped and keeps running
            ProposalResult more = proposer.propose(Recorder.ddl("after-fault")).get(20, TimeUnit.SECONDS);
            long other = List.of(1L, 2L, 3L).stream().filter(id -> id != leader && id != faulty).findFirst().orElseThrow();
            cluster.node(other).awaitApplied(more.index()).get(20, TimeUnit.SECONDS);
            Thread.sleep(500);
            assertThat(sick.appliedIndex()).isEqualTo(faultAt - 1);
            assertThat(sick.status().role()).isNotEqualTo(GroupStatus.Role.NONE);
            assertThat(sick.status().role()).isNotEqualTo(GroupStatus.Role.LEADER);

            Throwable refused = catchThrowable(() -> sick.propose(Recorder.ddl("from-sick")).get(20, TimeUnit.SECONDS));
            assertThat(refused).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ProposalException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProposalException.Kind.FAULTED));
            Throwable read = catchThrowable(() -> sick.readLinearizable(c -> c.appliedIndex()).get(20, TimeUnit.SECONDS));
            assertThat(read).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ReadException.class);

            cluster.kill(faulty);
            MetadataGroup healed = cluster.restart(faulty, Map.of());
            healed.awaitApplied(more.index()).get(30, TimeUnit.SECONDS);
            assertThat(healed.status().healthy()).isTrue();
            assertThat(cluster.recorder(faulty).applied()).isEqualTo(cluster.recorder(leader).applied());
            assertThat(cluster.recorder(faulty).applied()).doesNotHaveDuplicates().contains("after-fault");
            Await.until(Duration.ofSeconds(10), "digests equal",
                    () -> healed.digest().equals(cluster.node(leader).digest()));
        }
    }
}
