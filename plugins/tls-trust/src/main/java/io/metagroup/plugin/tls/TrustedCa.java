package io.metagroup.plugin.tls;

import io.metagroup.model.Bytes;
import io.metagroup.model.Sha256;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * One CA of a trust set.
 *
 * @param fingerprint SHA-256 of the certificate's DER encoding
 * @param certificate the CA certificate
 */
public record TrustedCa(Sha256 fingerprint, X509Certificate certificate) {
    public TrustedCa {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(certificate, "certificate");
        Sha256 actual = TlsTrust.fingerprint(certificate);
        if (!actual.equals(fingerprint)) {
            throw new IllegalArgumentException("fingerprint " + fingerprint + " is not that of certificate '"
                    + certificate.getSubjectX500Principal().getName() + "' (" + actual + ")");
        }
    }

    /** The entry for {@code certificate}, its fingerprint computed. */
    public static TrustedCa of(X509Certificate certificate) {
        return new TrustedCa(TlsTrust.fingerprint(certificate), certificate);
    }

    /** The subject's distinguished name (RFC 2253). */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The end of the certificate's validity. */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The certificate's DER encoding. */
    public Bytes der() {
        try {
            return Bytes.of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate can be encoded again", e);
        }
    }

    @Override
    public String toString() {
        return fingerprint + " " + subject();
    }
}
