package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.spi.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustDirectoryMirrorTest {
    private static final TestPki.Issued A = TestPki.ca("dir-a");
    private static final TestPki.Issued B = TestPki.ca("dir-b");

    @TempDir
    Path dir;

    @Test
    void theTrustDirIsCaDotDUnderThePluginDataDirByDefault() {
        assertThat(TrustFixture.in(dir).source.trustDir()).isEqualTo(dir.resolve("ca.d"));
        assertThat(dir.resolve("ca.d")).isDirectory();
    }

    @Test
    void theTrustDirSettingNamesAnotherDirectory() {
        Path elsewhere = dir.resolve("tls").resolve("trust");
        TrustFixture t = TrustFixture.with(TestPluginContext.in(dir.resolve("plugin"))
                .withSetting(TlsTrust.TRUST_DIR_SETTING, elsewhere.toString()));

        t.add(A);

        assertThat(t.source.trustDir()).isEqualTo(elsewhere);
        assertThat(elsewhere.resolve(TrustFixture.fileOf(A))).isRegularFile();
    }

    @Test
    void eachTrustedCaIsAPemFileNamedByItsFingerprint() throws Exception {
        TrustFixture t = TrustFixture.trusting(dir, A, B);

        assertThat(t.trustDirFiles()).containsExactlyInAnyOrder(TrustFixture.fileOf(A), TrustFixture.fileOf(B));
        Path file = t.source.trustDir().resolve(TrustFixture.fileOf(A));
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(PemFiles.toPem(A.cert()));
        assertThat(PemFiles.readCertificate(file)).isEqualTo(A.cert());
    }

    @Test
    void aRemovedCaLosesItsFile() {
        TrustFixture t = TrustFixture.trusting(dir, A, B);

        t.remove(A);

        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(B));
    }

    @Test
    void aRejectedChangeLeavesTheFilesAsTheyWere() {
        TrustFixture t = TrustFixture.trusting(dir, A);

        assertThat(t.remove(A)).isInstanceOf(Outcome.Rejected.class);

        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(A));
    }

    @Test
    void aTamperedOrForeignCertificateFileIsReplacedOrDeletedOnTheNextChange() throws Exception {
        TrustFixture t = TrustFixture.trusting(dir, A);
        Path trustDir = t.source.trustDir();
        Files.writeString(trustDir.resolve(TrustFixture.fileOf(A)), "tampered");
        Files.writeString(trustDir.resolve("operator.crt"), PemFiles.toPem(B.cert()));
        Files.writeString(trustDir.resolve("README.txt"), "not a certificate file");

        t.add(B);
        t.remove(B);

        assertThat(t.trustDirFiles()).containsExactlyInAnyOrder(TrustFixture.fileOf(A), "README.txt");
        assertThat(PemFiles.readCertificate(trustDir.resolve(TrustFixture.fileOf(A)))).isEqualTo(A.cert());
    }

    @Test
    void aTrustDirThatCannotBeWrittenHaltsApplyAtThatRecordButTheLiveSetHasChanged() throws Exception {
        TrustFixture t = TrustFixture.trusting(dir, A, B);
        Path trustDir = t.source.trustDir();
        try (var files = Files.list(trustDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(trustDir);
        Files.writeString(trustDir, "a file where the trust directory was");

        var outcomes = t.driver.record(TlsTrust.remove(A.fingerprint()));

        assertThat(outcomes).last().isInstanceOfSatisfying(Outcome.LocalFault.class, f -> assertThat(f.reason())
                .startsWith("tls-trust cannot rebuild the trust directory " + trustDir + " for log index 3: "));
        assertThat(t.applier.appliedIndex()).as("the record is not finished").isEqualTo(2);
        assertThat(t.source.trustSet().fingerprints()).as("the removed CA is no longer trusted")
                .containsExactly(B.fingerprint());
    }
}
