package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.CaTrustChange;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaValidationBeforeTheLogTest {
    private static final TestPki.Issued CA = TestPki.ca("validation-ca");

    @TempDir
    Path dir;

    private Optional<String> validate(MetadataEntry entry) {
        return TrustFixture.in(dir).applier.validate(entry);
    }

    private static CaTrustChange adding(byte[] der) {
        return new CaTrustChange(Optional.of(Bytes.of(der)), Optional.empty());
    }

    @Test
    void aCaCertificateInDerPasses() {
        assertThat(validate(TlsTrust.stage(CA.cert()))).isEmpty();
        assertThat(validate(TlsTrust.cutover(CA.cert(), Sha256.of(new byte[32])))).isEmpty();
        assertThat(validate(TlsTrust.remove(CA.fingerprint()))).as("a removal is judged against state, in apply").isEmpty();
    }

    @Test
    void bytesThatAreNoCertificateAreRefused() {
        assertThat(validate(adding(new byte[] {1, 2, 3, 4})))
                .hasValueSatisfying(r -> assertThat(r).startsWith("CA trust change refused: the bytes are not a DER X.509 certificate"));
        byte[] der = CA.der().toByteArray();
        assertThat(validate(adding(Arrays.copyOf(der, der.length - 10))))
                .hasValueSatisfying(r -> assertThat(r).contains("not a DER X.509 certificate"));
    }

    @Test
    void pemTextOrTrailingBytesAreNotExactlyDer() {
        byte[] pem = PemFiles.toPem(CA.cert()).getBytes(StandardCharsets.US_ASCII);
        byte[] der = CA.der().toByteArray();
        byte[] trailing = Arrays.copyOf(der, der.length + 1);

        assertThat(validate(adding(pem))).hasValueSatisfying(r -> assertThat(r)
                .contains("are not exactly the DER encoding of one certificate (that encoding is " + der.length + " bytes)"));
        assertThat(validate(adding(trailing))).hasValueSatisfying(r -> assertThat(r)
                .contains("the " + trailing.length + " bytes are not exactly the DER encoding"));
    }

    @Test
    void aCertificateThatIsNoCaIsRefused() {
        TestPki.Issued leaf = TestPki.leaf(CA, "node-1");

        assertThat(validate(TlsTrust.stage(leaf.cert()))).hasValue("CA trust change refused: certificate 'CN=node-1' "
                + "is not a CA certificate: its basicConstraints do not say CA");
    }

    @Test
    void aCaWhoseKeyUsageForbidsSigningCertificatesIsRefused() {
        TestPki.Issued ca = TestPki.caThatCannotSign("no-cert-sign");

        assertThat(validate(TlsTrust.stage(ca.cert()))).hasValue("CA trust change refused: CA certificate "
                + "'CN=no-cert-sign' may not sign certificates: its keyUsage lacks keyCertSign");
    }

    @Test
    void addingAndRemovingTheSameCaInOneEntryIsRefused() {
        assertThat(validate(TlsTrust.cutover(CA.cert(), CA.fingerprint())))
                .hasValue("CA trust change refused: it adds and removes the same CA " + CA.fingerprint());
    }

    @Test
    void otherEntriesAreNotThisPluginsToJudge() {
        assertThat(validate(new SurrogateAlloc(5))).isEmpty();
    }
}
