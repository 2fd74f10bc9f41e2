package io.metagroup.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.plugin.jointoken.JoinToken;
import io.metagroup.plugin.jointoken.TokenState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A joiner whose token cannot be used is refused with a message saying why: forged, wrong secret, expired, aborted,
 * consumed; and a joiner pinning another CA sends nothing to the server.
 */
class RefusedTokensTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    private static JoinCluster cluster;
    private static long nextNode = 200;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = JoinCluster.start(dir, 3, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JoinBundle join(TokenFile token) throws JoinException {
        return Joiner.join(cluster.endpoint(1), token, nextNode++, "127.0.0.1:" + JoinCluster.freePort(),
                Joiner.newKeys(), JoinCluster.TIMEOUT);
    }

    private static void assertRefused(TokenFile token, JoinException.Reason reason, String message) {
        assertThatThrownBy(() -> join(token)).isInstanceOfSatisfying(JoinException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message).doesNotContain(token.token().text());
        });
    }

    @Test
    void aForgedTokenIsUnknown() {
        TokenFile forged = new TokenFile(JoinToken.generate(RANDOM), cluster.ca.fingerprint());
        assertRefused(forged, JoinException.Reason.UNKNOWN_TOKEN, "the token id is unknown or the secret is wrong");
    }

    @Test
    void aWrongSecretIsRefusedLikeAForgedToken() throws Exception {
        TokenFile real = cluster.newToken(Duration.ofMinutes(5));
        String wrongSecret = real.token().id() + "." + "0".repeat(JoinToken.SECRET_HEX);
        TokenFile guessed = new TokenFile(JoinToken.parse(wrongSecret), cluster.ca.fingerprint());
        assertRefused(guessed, JoinException.Reason.UNKNOWN_TOKEN, "the token id is unknown or the secret is wrong");
        assertThat(cluster.state(real.token())).get().isInstanceOf(TokenState.Issued.class);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMillis(1500));
        Thread.sleep(2000);
        assertRefused(token, JoinException.Reason.EXPIRED, "the join token expired");
    }

    @Test
    void anAbortedTokenIsRefused() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMinutes(5));
        assertThat(cluster.propose(new JoinTokenTransition(token.token().hash(),
                new JoinTokenTransitionKind.MarkAborted(), System.currentTimeMillis())).applied()).isTrue();
        assertRefused(token, JoinException.Reason.ABORTED, "aborted by an operator");
    }

    @Test
    void aConsumedTokenIsRefused() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMinutes(5));
        join(token);
        assertRefused(token, JoinException.Reason.CONSUMED, "already consumed");
    }

    @Test
    void aJoinerPinningAnotherCaSendsNothingAndTheTokenStaysUsable() throws Exception {
        TokenFile token = cluster.newToken(Duration.ofMinutes(5));
        TestCa other = TestCa.create(Files.createDirectories(dir.resolve("other")), "another-ca");
        TokenFile wrongPin = new TokenFile(token.token(), other.fingerprint());
        assertRefused(wrongPin, JoinException.Reason.UNTRUSTED_SERVER, "does not hold the pinned CA " + other.fingerprint());
        assertThat(cluster.state(token.token())).get().isInstanceOf(TokenState.Issued.class);
        assertThat(join(token).clusterName()).isEqualTo(JoinCluster.CLUSTER);
    }
}
