package io.metagroup.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.plugin.topology.ClusterTopologyView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several joiners present one token at once, through different nodes: exactly one joins, the rest are refused. */
class OneOfConcurrentJoinersWinsTest {
    private static final int JOINERS = 5;

    @TempDir
    Path dir;

    @Test
    void exactlyOneJoinerGetsTheBundleAndTheOthersAreToldTheTokenIsTaken() throws Exception {
        try (JoinCluster cluster = JoinCluster.start(dir, 3, Duration.ofSeconds(60))) {
            TokenFile token = cluster.newToken(Duration.ofMinutes(5));
            ExecutorService pool = Executors.newFixedThreadPool(JOINERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < JOINERS; i++) {
                long nodeId = 100 + i;
                ids.add(nodeId);
                String endpoint = cluster.endpoint(1 + i % 3);
                String raft = "127.0.0.1:" + JoinCluster.freePort();
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return Joiner.join(endpoint, token, nodeId, raft, Joiner.newKeys(), JoinCluster.TIMEOUT);
                    } catch (JoinException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<JoinBundle> won = new ArrayList<>();
            List<JoinException> refused = new ArrayList<>();
            long winner = -1;
            for (int i = 0; i < JOINERS; i++) {
                Object r = results.get(i).get(60, TimeUnit.SECONDS);
                if (r instanceof JoinBundle b) {
                    won.add(b);
                    winner = ids.get(i);
                } else {
                    refused.add((JoinException) r);
                }
            }
            pool.shutdownNow();

            assertThat(won).as("refusals: %s", refused.stream().map(e -> e.reason() + " " + e.getMessage()).toList())
                    .hasSize(1);
            assertThat(refused).hasSize(JOINERS - 1).allSatisfy(e -> {
                assertThat(e.reason()).isIn(JoinException.Reason.IN_USE, JoinException.Reason.CONSUMED);
                assertThat(e.getMessage()).containsAnyOf("already in use", "already consumed");
            });
            long theWinner = winner;
            assertThat(cluster.state(token.token())).get().isInstanceOfSatisfying(TokenState.Consumed.class,
                    c -> assertThat(c.nodeAddr()).startsWith(theWinner + "@"));
            // the winner, and only the winner, joined the topology (in the same record as the token's consumption)
            var topology = cluster.group(1).readLinearizable(core -> core.applier("topology", ClusterTopologyView.class)
                    .topology()).get(30, TimeUnit.SECONDS);
            for (long id : ids) {
                assertThat(topology.contains(id)).as("node %s in the topology", id).isEqualTo(id == theWinner);
            }
            assertThat(won.get(0).clusterName()).isEqualTo(JoinCluster.CLUSTER);
            assertThat(won.get(0).peers()).containsKeys(1L, 2L, 3L);
        }
    }
}
