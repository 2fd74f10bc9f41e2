package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustSeedAtStartTest {
    private static final TestPki.Issued A = TestPki.ca("seed-a");
    private static final TestPki.Issued B = TestPki.ca("seed-b");
    private static final TestPki.Issued C = TestPki.ca("seed-c");

    @TempDir
    Path dir;

    private Path caD() throws IOException {
        return Files.createDirectories(dir.resolve("ca.d"));
    }

    @Test
    void theCaFilesFoundAtStartAreTrustedUntilTheReplicatedSetHoldsACa() throws Exception {
        Files.writeString(caD().resolve("bundle.crt"), PemFiles.toPem(A.cert()) + "comment\n" + PemFiles.toPem(B.cert()));
        Files.writeString(caD().resolve("notes.pem"), PemFiles.toPem(C.cert()));

        TrustFixture t = TrustFixture.in(dir);

        assertThat(t.source.replicated()).isFalse();
        assertThat(t.source.trustSet().fingerprints()).containsExactlyInAnyOrder(A.fingerprint(), B.fingerprint());
        assertThat(t.source.trustManager().getAcceptedIssuers()).hasSize(2);
    }

    @Test
    void aNewLeaderProposesTheSeedCasUntilOneIsReplicated() throws Exception {
        Files.writeString(caD().resolve("ops.crt"), PemFiles.toPem(B.cert()) + PemFiles.toPem(A.cert()));
        TrustFixture t = TrustFixture.in(dir);

        var proposals = t.source.bootstrapProposals();

        assertThat(proposals).containsExactlyElementsOf(Stream.of(A, B)
                .sorted((x, y) -> x.fingerprint().compareTo(y.fingerprint()))
                .map(ca -> TlsTrust.stage(ca.cert())).toList());
        proposals.forEach(p -> assertThat(t.apply(p)).isEqualTo(Outcome.applied()));
        assertThat(t.source.replicated()).isTrue();
        assertThat(t.source.bootstrapProposals()).isEmpty();
        assertThat(t.trustDirFiles()).as("the seed file gives way to the mirror")
                .containsExactlyInAnyOrder(TrustFixture.fileOf(A), TrustFixture.fileOf(B));
    }

    @Test
    void aRestartedNodeTrustsWhatItsDirectoryMirroredBeforeItReplays() {
        TrustFixture before = TrustFixture.trusting(dir, A, B);
        before.remove(A);

        TrustFixture restarted = TrustFixture.in(dir);

        assertThat(restarted.source.trustSet().fingerprints()).containsExactly(B.fingerprint());
        assertThat(restarted.source.replicated()).isFalse();
    }

    @Test
    void aSnapshotOfAnEmptyReplicatedSetLeavesTheSeedInPlace() throws Exception {
        Files.writeString(caD().resolve("seed.crt"), PemFiles.toPem(A.cert()));
        TrustFixture t = TrustFixture.in(dir);
        byte[] empty = ApplierDriver.snapshot(TrustFixture.in(dir.resolve("other")).applier);

        ApplierDriver.restore(t.applier, empty, 7);

        assertThat(t.source.trustSet().fingerprints()).containsExactly(A.fingerprint());
        assertThat(t.trustDirFiles()).containsExactly("seed.crt");
        assertThat(t.applier.appliedIndex()).isEqualTo(7);
    }

    @Test
    void aTempFileLeftByACrashIsDeletedAtStart() throws Exception {
        Files.writeString(caD().resolve("." + TrustFixture.fileOf(A) + ".tmp"), "half written");

        TrustFixture t = TrustFixture.in(dir);

        assertThat(t.trustDirFiles()).isEmpty();
        assertThat(t.source.trustSet().isEmpty()).isTrue();
    }

    @Test
    void aCertificateFileHoldingNoCaStopsTheStartNamingTheFile() throws Exception {
        Path file = caD().resolve("node.crt");
        Files.writeString(file, PemFiles.toPem(A.cert()) + PemFiles.toPem(TestPki.leaf(A, "node-7").cert()));

        assertThatThrownBy(() -> PluginContract.byId(TlsTrust.PLUGIN_ID).create(TestPluginContext.in(dir)))
                .isInstanceOf(IOException.class)
                .hasMessage("certificate 2 of " + file + " cannot be trusted: certificate 'CN=node-7' is not a CA "
                        + "certificate: its basicConstraints do not say CA");
    }

    @Test
    void withoutSeedOrReplicatedCaNoPeerIsTrusted() {
        TrustFixture t = TrustFixture.in(dir);
        X509Certificate[] chain = {TestPki.leaf(A, "peer").cert()};

        assertThat(t.source.bootstrapProposals()).isEmpty();
        assertThatThrownBy(() -> t.source.trustManager().checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("no CA is trusted (the trust set is empty), so 'CN=peer' is not");
    }
}
