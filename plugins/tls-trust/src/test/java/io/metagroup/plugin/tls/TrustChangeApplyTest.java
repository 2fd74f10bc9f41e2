package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.CaTrustChange;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustChangeApplyTest {
    private static final TestPki.Issued A = TestPki.ca("ca-a");
    private static final TestPki.Issued B = TestPki.ca("ca-b");
    private static final TestPki.Issued C = TestPki.ca("ca-c");

    @TempDir
    Path dir;

    @Test
    void anAddedCaIsTrustedAndTheSetIsReplicated() {
        TrustFixture t = TrustFixture.in(dir);
        assertThat(t.source.replicated()).isFalse();

        assertThat(t.add(A)).isEqualTo(Outcome.applied());

        assertThat(t.source.replicated()).isTrue();
        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());
        assertThat(t.source.trustSet().get(A.fingerprint()).orElseThrow().subject()).isEqualTo("CN=ca-a");
    }

    @Test
    void addingATrustedCaAgainChangesNothing() {
        TrustFixture t = TrustFixture.trusting(dir, A, B);
        var digest = t.applier.digest();

        assertThat(t.add(A)).isEqualTo(Outcome.applied());

        assertThat(t.applier.digest()).isEqualTo(digest);
        assertThat(t.source.trustSet().size()).isEqualTo(2);
    }

    @Test
    void aRemovedCaIsNoLongerTrusted() {
        TrustFixture t = TrustFixture.trusting(dir, A, B);

        assertThat(t.remove(A)).isEqualTo(Outcome.applied());

        assertThat(t.source.trustSet().fingerprints()).containsExactly(B.fingerprint());
    }

    @Test
    void removingAnUnknownFingerprintIsRejected() {
        TrustFixture t = TrustFixture.trusting(dir, A, B);
        var digest = t.applier.digest();

        assertThat(t.remove(C)).isEqualTo(Outcome.rejected(
                "CA trust change refused: CA " + C.fingerprint() + " is not in the trust set"));
        assertThat(t.applier.digest()).isEqualTo(digest);
    }

    @Test
    void removingTheLastCaIsRejected() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        assertThat(t.remove(A)).isEqualTo(Outcome.rejected("CA trust change refused: removing CA " + A.fingerprint()
                + " would leave the trust set empty, and peers that trust no CA cannot connect; stage a new CA first"));
        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());
    }

    @Test
    void aCutoverAddsTheNewCaAndRemovesTheOldOneAtOnce() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        assertThat(t.apply(TlsTrust.cutover(B.cert(), A.fingerprint()))).isEqualTo(Outcome.applied());

        assertThat(t.source.trustSet().fingerprints()).containsExactly(B.fingerprint());
    }

    @Test
    void aCutoverWhoseRemovalIsUnknownAddsNothing() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        assertThat(t.apply(TlsTrust.cutover(B.cert(), C.fingerprint()))).isInstanceOf(Outcome.Rejected.class);

        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());
    }

    @Test
    void addingAndRemovingTheSameCaIsRejectedInApplyToo() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        assertThat(t.apply(TlsTrust.cutover(A.cert(), A.fingerprint()))).isEqualTo(Outcome.rejected(
                "CA trust change refused: it adds and removes the same CA " + A.fingerprint()));
    }

    @Test
    void applyJudgesBytesOnlySoAnUnparsableCertificateIsHeldButNotTrusted() {
        // only a leader that skipped validate could log this; apply must still agree on every node
        TrustFixture t = TrustFixture.trusting(dir, A);
        Bytes junk = Bytes.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x07});

        assertThat(t.apply(new CaTrustChange(Optional.of(junk), Optional.empty()))).isEqualTo(Outcome.applied());

        TrustSet live = t.source.trustSet();
        assertThat(live.fingerprints()).containsExactly(A.fingerprint());
        assertThat(live.unusable()).containsOnlyKeys(TlsTrust.fingerprint(junk.toByteArray()));
        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(A));
    }

    @Test
    void laterEntriesOfABatchSeeTheEarlierOnes() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        Outcome outcome = t.apply(Batch.of(TlsTrust.stage(B.cert()), TlsTrust.remove(A.fingerprint()),
                TlsTrust.stage(C.cert()), TlsTrust.remove(B.fingerprint())));

        assertThat(outcome).isEqualTo(Outcome.applied());
        assertThat(t.source.trustSet().fingerprints()).containsExactly(C.fingerprint());
    }

    @Test
    void otherEntriesChangeNothing() {
        TrustFixture t = TrustFixture.trusting(dir, A);
        var digest = t.applier.digest();

        assertThat(t.apply(new CatalogDdl(Bytes.of(new byte[] {1})))).isEqualTo(Outcome.applied());

        assertThat(t.applier.digest()).isEqualTo(digest);
        assertThat(t.applier.appliedIndex()).isEqualTo(2);
    }
}
