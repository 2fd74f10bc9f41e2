package io.metagroup.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.plugin.jointoken.TokenState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's token timers: an unused token past its expiry is marked Expired, a join abandoned in flight is
 * reverted to Issued after the dead-man timeout, a sweep proposed early is refused by apply (the record's HLC
 * decides), and after the leader dies the new leader's timers do the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderTokenSweepsTest {
    private static final Duration DEAD_MAN = Duration.ofMillis(1500);

    @TempDir
    static Path dir;
    private static JoinCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = JoinCluster.start(dir, 3, DEAD_MAN);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void awaitState(TokenFile token, Class<? extends TokenState> state) throws InterruptedException {
        JoinCluster.await("token in state " + state.getSimpleName(), JoinCluster.TIMEOUT, () -> {
            try {
                Optional<TokenState> now = cluster.state(token.token());
                return now.isPresent() && state.isInstance(now.get());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void beginInFlight(TokenFile token) throws Exception {
        assertThat(cluster.propose(new JoinTokenTransition(token.token().hash(),
                new JoinTokenTransitionKind.BeginInFlight("900@127.0.0.1:1"), System.currentTimeMillis())).applied())
                .isTrue();
    }

    @Test
    @Order(1)
    void anUnusedTokenIsMarkedExpiredOnceItsTimeIsUp() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMillis(1500));
        assertThat(cluster.state(token.token())).get().isInstanceOf(TokenState.Issued.class);
        awaitState(token, TokenState.Expired.class);
    }

    @Test
    @Order(2)
    void aSweepProposedBeforeTheExpiryIsRefusedByApply() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMinutes(5));
        var early = cluster.propose(new JoinTokenTransition(token.token().hash(),
                new JoinTokenTransitionKind.MarkExpired(), System.currentTimeMillis()));
        assertThat(early.applied()).isFalse();
        assertThat(early.outcome().toString()).contains("after the record's time");
        assertThat(cluster.state(token.token())).get().isInstanceOf(TokenState.Issued.class);
    }

    @Test
    @Order(3)
    void aJoinAbandonedInFlightIsRevertedAfterTheDeadManTimeout() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMinutes(5));
        beginInFlight(token);
        assertThat(cluster.state(token.token())).get().isInstanceOf(TokenState.InFlight.class);
        awaitState(token, TokenState.Issued.class);
    }

    @Test
    @Order(4)
    void aNewLeaderRevertsAJoinItsPredecessorLeftInFlight() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMinutes(5));
        long leader = cluster.leader();
        beginInFlight(token);
        cluster.kill(leader);
        long newLeader = cluster.leader();
        assertThat(newLeader).isNotEqualTo(leader);
        awaitState(token, TokenState.Issued.class);
    }
}
