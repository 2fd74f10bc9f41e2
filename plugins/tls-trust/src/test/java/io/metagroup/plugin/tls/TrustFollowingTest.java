package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.tls.testing.TestPki;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node's first trust manager follows the applier's live one once it exists, and a trust manager remembers the
 * server certificates it accepted (the latest per subject) and the node's own, which the leader's advisory check
 * reads.
 */
class TrustFollowingTest {
    private static final String AUTH = "ECDHE_ECDSA";
    private static final TestPki.Issued A = TestPki.ca("follow-a");
    private static final TestPki.Issued B = TestPki.ca("follow-b");

    private static TrustSet only(TestPki.Issued ca) {
        return TrustSet.of(List.of(TrustedCa.of(ca.cert())));
    }

    private static X509Certificate[] chain(TestPki.Issued leaf) {
        return new X509Certificate[] {leaf.cert()};
    }

    @Test
    void aFollowerJudgesByTheSetOfTheManagerItFollows() throws CertificateException {
        ReloadingTrustManager seed = new ReloadingTrustManager(only(A));
        ReloadingTrustManager live = new ReloadingTrustManager(only(B));
        X509Certificate[] peerOfA = chain(TestPki.leaf(A, "peer-a"));
        X509Certificate[] peerOfB = chain(TestPki.leaf(B, "peer-b"));
        seed.checkServerTrusted(peerOfA, AUTH);

        seed.follow(live);
        assertThatThrownBy(() -> seed.checkServerTrusted(peerOfA, AUTH)).isInstanceOf(CertificateException.class);
        assertThatCode(() -> seed.checkClientTrusted(peerOfB, AUTH)).doesNotThrowAnyException();
        live.update(only(A));
        assertThatCode(() -> seed.checkClientTrusted(peerOfA, AUTH)).doesNotThrowAnyException();
        assertThat(seed.trustSet()).isEqualTo(live.trustSet());
        assertThat(seed.getAcceptedIssuers()).containsExactly(A.cert());
        assertThatThrownBy(() -> live.follow(seed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptedServerCertificatesAndTheNodesOwnAreRememberedLatestPerSubject() throws CertificateException {
        ReloadingTrustManager manager = new ReloadingTrustManager(only(A));
        TestPki.Issued first = TestPki.leaf(A, "node-1");
        TestPki.Issued again = TestPki.leaf(A, "node-1");
        TestPki.Issued other = TestPki.leaf(A, "node-2");
        manager.checkServerTrusted(chain(first), AUTH);
        manager.checkServerTrusted(chain(other), AUTH);
        manager.checkServerTrusted(chain(again), AUTH);
        manager.checkClientTrusted(chain(TestPki.leaf(A, "a-client")), AUTH);
        assertThatThrownBy(() -> manager.checkServerTrusted(chain(TestPki.leaf(B, "stranger")), AUTH))
                .isInstanceOf(CertificateException.class);

        assertThat(manager.recentServerCertificates()).containsExactly(again.cert(), other.cert());
        TestPki.Issued mine = TestPki.leaf(A, "node-0");
        manager.presenting(List.of(mine.cert()));
        assertThat(manager.recentServerCertificates()).containsExactly(mine.cert(), again.cert(), other.cert());
        ReloadingTrustManager follower = new ReloadingTrustManager(only(B));
        follower.follow(manager);
        assertThat(follower.recentServerCertificates()).containsExactly(mine.cert(), again.cert(), other.cert());
    }
}
