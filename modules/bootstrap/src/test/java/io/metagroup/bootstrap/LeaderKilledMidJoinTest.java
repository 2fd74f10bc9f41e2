package io.metagroup.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.plugin.topology.ClusterTopologyView;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.Subscription;
import io.metagroup.raft.SubscriptionEnd;
import io.metagroup.raft.SubscriptionListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader serving a join dies right after the token went InFlight: the token ends Consumed with the joiner in
 * the topology, or back to Issued (the new leader's dead-man timer) and usable by a retry through another node;
 * never stuck InFlight.
 */
class LeaderKilledMidJoinTest {
    private static final Duration DEAD_MAN = Duration.ofSeconds(2);
    private static final long JOINER = 300;

    @TempDir
    Path dir;

    @Test
    void theTokenEndsConsumedOrIssuedNeverInFlight() throws Exception {
        try (JoinCluster cluster = JoinCluster.start(dir, 3, DEAD_MAN)) {
            TokenFile token = cluster.newToken(Duration.ofMinutes(5));
            long leader = cluster.leader();
            long follower = cluster.follower();
            CompletableFuture<Void> killed = new CompletableFuture<>();
            // a follower sees the BeginInFlight applied and kills the leader, which is still serving the join
            Subscription watch = cluster.group(follower).subscribe(cluster.group(follower).appliedIndex() + 1,
                    new SubscriptionListener() {
                        @Override
                        public void onEntry(AppliedEntry e) {
                            if (e.entry() instanceof JoinTokenTransition t && t.tokenHash().equals(token.token().hash())
                                    && t.transition() instanceof JoinTokenTransitionKind.BeginInFlight
                                    && !killed.isDone()) {
                                CompletableFuture.runAsync(() -> cluster.kill(leader)).whenComplete((v, x) -> killed.complete(null));
                            }
                        }

                        @Override
                        public void onEnd(SubscriptionEnd end) {
                        }
                    });
            String raft = "127.0.0.1:" + JoinCluster.freePort();
            Optional<JoinBundle> first;
            try {
                first = Optional.of(Joiner.join(cluster.endpoint(leader), token, JOINER, raft, Joiner.newKeys(),
                        JoinCluster.TIMEOUT));
            } catch (JoinException e) {
                assertThat(e.reason()).isEqualTo(JoinException.Reason.UNAVAILABLE);
                first = Optional.empty();
            }
            killed.get(60, TimeUnit.SECONDS);
            watch.close();

            // never stuck: within the dead-man timeout (and a new election) the token leaves InFlight
            JoinCluster.await("the token leaves InFlight", JoinCluster.TIMEOUT.plus(DEAD_MAN), () -> {
                try {
                    return !(cluster.state(token.token()).orElseThrow() instanceof TokenState.InFlight);
                } catch (Exception e) {
                    return false;
                }
            });
            TokenState after = cluster.state(token.token()).orElseThrow();
            assertThat(after).isInstanceOfAny(TokenState.Consumed.class, TokenState.Issued.class);
            if (after instanceof TokenState.Issued) {
                assertThat(first).as("a joiner that got its bundle consumed the token").isEmpty();
                // the token is usable again: the joiner retries through a surviving node
                first = Optional.of(Joiner.join(cluster.endpoint(follower), token, JOINER, raft, Joiner.newKeys(),
                        JoinCluster.TIMEOUT));
                assertThat(cluster.state(token.token())).get().isInstanceOf(TokenState.Consumed.class);
            }
            var topology = cluster.group(follower).readLinearizable(core -> core.applier("topology",
                    ClusterTopologyView.class).topology()).get(30, TimeUnit.SECONDS);
            assertThat(topology.contains(JOINER)).isTrue();
        }
    }
}
