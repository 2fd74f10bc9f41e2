package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.tls.testing.TestPki;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTrustManagerTest {
    private static final String AUTH = "ECDHE_ECDSA";
    private static final TestPki.Issued A = TestPki.ca("reload-a");
    private static final TestPki.Issued B = TestPki.ca("reload-b");
    private static final X509Certificate[] PEER_OF_A = {TestPki.leaf(A, "peer-a").cert()};
    private static final X509Certificate[] PEER_OF_B = {TestPki.leaf(B, "peer-b").cert()};

    @TempDir
    Path dir;

    @Test
    void theSameObjectFollowsEveryCommittedChange() {
        TrustFixture t = TrustFixture.trusting(dir, A);
        ReloadingTrustManager manager = t.source.trustManager();
        assertThatCode(() -> manager.checkServerTrusted(PEER_OF_A, AUTH)).doesNotThrowAnyException();
        assertThatThrownBy(() -> manager.checkClientTrusted(PEER_OF_B, AUTH)).isInstanceOf(CertificateException.class);

        t.add(B);
        assertThatCode(() -> manager.checkClientTrusted(PEER_OF_B, AUTH)).doesNotThrowAnyException();

        t.remove(A);
        assertThat(t.source.trustManager()).isSameAs(manager);
        assertThatThrownBy(() -> manager.checkServerTrusted(PEER_OF_A, AUTH)).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkClientTrusted(PEER_OF_A, AUTH)).isInstanceOf(CertificateException.class);
        assertThatCode(() -> manager.checkServerTrusted(PEER_OF_B, AUTH)).doesNotThrowAnyException();
    }

    @Test
    void theAcceptedIssuersAreTheCurrentSet() {
        TrustFixture t = TrustFixture.trusting(dir, A);
        ReloadingTrustManager manager = t.source.trustManager();

        t.apply(TlsTrust.cutover(B.cert(), A.fingerprint()));

        assertThat(manager.getAcceptedIssuers()).containsExactly(B.cert());
        assertThat(manager.trustSet()).isEqualTo(t.source.trustSet());
    }

    @Test
    void aLeafSignedByNoTrustedCaIsRefusedEvenWhenItNamesATrustedIssuer() {
        TestPki.Issued impostor = TestPki.ca("reload-a"); // same name as A, other key
        ReloadingTrustManager manager = new ReloadingTrustManager(TrustSet.of(List.of(TrustedCa.of(A.cert()))));

        assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[] {TestPki.leaf(impostor, "x").cert()}, AUTH))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void anUpdateToTheEmptySetTrustsNothing() {
        ReloadingTrustManager manager = new ReloadingTrustManager(TrustSet.of(List.of(TrustedCa.of(A.cert()))));

        manager.update(TrustSet.empty());

        assertThatThrownBy(() -> manager.checkServerTrusted(PEER_OF_A, AUTH))
                .isInstanceOf(CertificateException.class).hasMessageContaining("the trust set is empty");
        assertThat(manager.getAcceptedIssuers()).isEmpty();
    }
}
