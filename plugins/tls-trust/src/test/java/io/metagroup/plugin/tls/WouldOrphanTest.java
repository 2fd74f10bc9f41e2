package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.testing.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

class WouldOrphanTest {
    private static final TestPki.Issued OLD = TestPki.ca("orphan-old");
    private static final TestPki.Issued NEW = TestPki.ca("orphan-new");
    private static final TestPki.Issued ON_OLD = TestPki.leaf(OLD, "node-1");
    private static final TestPki.Issued ON_NEW = TestPki.leaf(NEW, "node-2");

    private static TrustSet trusting(TestPki.Issued... cas) {
        return TrustSet.of(java.util.Arrays.stream(cas).map(ca -> TrustedCa.of(ca.cert())).toList());
    }

    @Test
    void aMemberSignedOnlyByTheRemovedCaWouldBeOrphaned() {
        TrustSet set = trusting(OLD, NEW);

        assertThat(set.wouldOrphan(List.of(ON_NEW.cert(), ON_OLD.cert()), OLD.fingerprint())).containsExactly(ON_OLD.cert());
        assertThat(set.wouldOrphan(List.of(ON_NEW.cert(), ON_OLD.cert()), NEW.fingerprint())).containsExactly(ON_NEW.cert());
    }

    @Test
    void membersAllReissuedUnderTheNewCaAllowTheRemoval() {
        assertThat(trusting(OLD, NEW).wouldOrphan(List.of(ON_NEW.cert(), TestPki.leaf(NEW, "node-3").cert()),
                OLD.fingerprint())).isEmpty();
    }

    @Test
    void aReissuedCaWithTheSameNameAndKeyStillVouchesForTheMembers() {
        TestPki.Issued renewed = TestPki.ca("orphan-old", OLD.keys());
        TrustSet set = trusting(OLD, renewed);

        assertThat(renewed.fingerprint()).isNotEqualTo(OLD.fingerprint());
        assertThat(set.wouldOrphan(List.of(ON_OLD.cert()), OLD.fingerprint())).isEmpty();
    }

    @Test
    void aCaThatSharesOnlyTheNameDoesNot() {
        TestPki.Issued sameName = TestPki.ca("orphan-old");

        assertThat(trusting(OLD, sameName).wouldOrphan(List.of(ON_OLD.cert()), OLD.fingerprint()))
                .containsExactly(ON_OLD.cert());
    }

    @Test
    void removingAnUntrustedFingerprintOrphansNobody() {
        assertThat(trusting(OLD).wouldOrphan(List.of(ON_OLD.cert()), Sha256.of(new byte[32]))).isEmpty();
    }
}
