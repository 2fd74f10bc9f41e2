package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.testing.TestPki;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsTrustEntriesTest {
    private static final TestPki.Issued A = TestPki.ca("entries-a");
    private static final TestPki.Issued B = TestPki.ca("entries-b");

    @Test
    void theRotationEntriesCarryTheDerAndTheFingerprint() {
        assertThat(TlsTrust.stage(A.cert()).addCaCert()).hasValue(A.der());
        assertThat(TlsTrust.stage(A.cert()).removeCaFingerprint()).isEmpty();
        assertThat(TlsTrust.remove(A.fingerprint()).addCaCert()).isEmpty();
        assertThat(TlsTrust.remove(A.fingerprint()).removeCaFingerprint()).hasValue(A.fingerprint());
        assertThat(TlsTrust.cutover(B.cert(), A.fingerprint()).addCaCert()).hasValue(B.der());
        assertThat(TlsTrust.cutover(B.cert(), A.fingerprint()).removeCaFingerprint()).hasValue(A.fingerprint());
    }

    @Test
    void theFingerprintIsTheSha256OfTheDer() throws Exception {
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(A.der().toByteArray());

        assertThat(TlsTrust.fingerprint(A.cert())).isEqualTo(Sha256.of(sha));
        assertThat(TrustedCa.of(A.cert()).fingerprint()).isEqualTo(Sha256.of(sha));
    }

    @Test
    void aFingerprintIsReadInTheFormsOperatorsCopy() {
        String hex = A.fingerprint().toHex();
        StringBuilder openssl = new StringBuilder("SHA256 Fingerprint=");
        for (int i = 0; i < hex.length(); i += 2) {
            openssl.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }

        for (String form : new String[] {hex, hex.toUpperCase(Locale.ROOT), "sha256:" + hex, " " + hex + "\n",
                openssl.toString().toUpperCase(Locale.ROOT), openssl.substring("SHA256 Fingerprint=".length())}) {
            assertThat(TlsTrust.parseFingerprint(form)).as(form).isEqualTo(A.fingerprint());
        }
    }

    @Test
    void aMalformedFingerprintIsRefusedNamingTheForm() {
        for (String bad : new String[] {"", "sha256:", "abc", "g".repeat(64), "0".repeat(63), "0".repeat(66)}) {
            assertThatThrownBy(() -> TlsTrust.parseFingerprint(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a CA fingerprint is the SHA-256 of its DER certificate: 64 hex digits, optionally "
                            + "'sha256:'-prefixed or in colon-separated pairs; got '" + bad + "'");
        }
    }

    @Test
    void aTrustedCaMustCarryItsOwnFingerprint() {
        assertThatThrownBy(() -> new TrustedCa(B.fingerprint(), A.cert()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fingerprint " + B.fingerprint() + " is not that of certificate 'CN=entries-a' ("
                        + A.fingerprint() + ")");
    }

    @Test
    void theCaCheckIsTheSameBeforeTheLogAndForTheCli() {
        assertThat(TlsTrust.caProblem(A.der())).isEqualTo(Optional.empty());
        assertThat(TlsTrust.caProblem(TestPki.leaf(A, "n").der())).hasValueSatisfying(p ->
                assertThat(p).contains("is not a CA certificate"));
    }
}
