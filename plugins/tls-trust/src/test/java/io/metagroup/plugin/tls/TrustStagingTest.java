package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStagingTest {
    private static final TestPki.Issued A = TestPki.ca("stage-a");
    private static final TestPki.Issued B = TestPki.ca("stage-b");

    @TempDir
    Path dir;

    private static Transaction begin(TrustFixture t) {
        return t.applier.begin(new ApplyContext(t.applier.appliedIndex() + 1, Hlc.ZERO));
    }

    @Test
    void aStagedChangeIsInvisibleUntilTheRecordIsFinished() throws Exception {
        TrustFixture t = TrustFixture.trusting(dir, A);
        var digest = t.applier.digest();
        Transaction tx = begin(t);

        assertThat(tx.apply(TlsTrust.stage(B.cert()))).isEqualTo(Outcome.applied());
        assertThat(tx.apply(TlsTrust.remove(A.fingerprint()))).as("sees the staged add").isEqualTo(Outcome.applied());
        assertThat(t.applier.digest()).isEqualTo(digest);
        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());

        tx.prepare();
        tx.commit();
        assertThat(t.applier.digest()).as("committed state").isNotEqualTo(digest);
        assertThat(t.source.trustSet().fingerprints()).as("live only after the record").containsExactly(A.fingerprint());

        t.applier.finishRecord(t.applier.appliedIndex() + 1);
        assertThat(t.source.trustSet().fingerprints()).containsExactly(B.fingerprint());
        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(B));
    }

    @Test
    void abortLeavesTheStateTheLiveSetAndTheFilesUntouched() throws Exception {
        TrustFixture t = TrustFixture.trusting(dir, A);
        var digest = t.applier.digest();
        Transaction tx = begin(t);

        tx.apply(TlsTrust.stage(B.cert()));
        tx.apply(TlsTrust.remove(A.fingerprint()));
        tx.abort();
        t.applier.finishRecord(t.applier.appliedIndex() + 1);

        assertThat(t.applier.digest()).isEqualTo(digest);
        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());
        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(A));
    }

    @Test
    void aBatchWithARejectedChangeLeavesNothingBehind() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        Outcome outcome = t.apply(Batch.of(TlsTrust.stage(B.cert()), TlsTrust.remove(A.fingerprint()),
                TlsTrust.remove(A.fingerprint())));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());
        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(A));
    }
}
