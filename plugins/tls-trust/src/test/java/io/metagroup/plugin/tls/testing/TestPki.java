package io.metagroup.plugin.tls.testing;

import io.metagroup.model.Bytes;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.PemFiles;
import io.metagroup.plugin.tls.TlsTrust;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made on the fly with BouncyCastle (EC P-256, valid from an hour ago for a day); none is checked in.
 * Public for the TLS group tests of other modules (this module's test jar).
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1);

    private TestPki() {}

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate cert) {
        public Sha256 fingerprint() {
            return TlsTrust.fingerprint(cert);
        }

        public Bytes der() {
            try {
                return Bytes.of(cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new AssertionError(e);
            }
        }

        public String subject() {
            return cert.getSubjectX500Principal().getName();
        }

        /** Writes the certificate to {@code certFile} and the PKCS#8 key to {@code keyFile}, both PEM. */
        public void writePem(java.nio.file.Path keyFile, java.nio.file.Path certFile) throws java.io.IOException {
            writeCertificate(certFile);
            String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(keys.getPrivate().getEncoded());
            java.nio.file.Files.writeString(keyFile,
                    "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        }

        /** Writes the certificate to {@code certFile} as PEM. */
        public void writeCertificate(java.nio.file.Path certFile) throws java.io.IOException {
            java.nio.file.Files.writeString(certFile, PemFiles.toPem(cert));
        }
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A self-signed root CA named {@code CN=cn}. */
    public static Issued ca(String cn) {
        return ca(cn, ecKeys());
    }

    /** A self-signed root CA named {@code CN=cn} over {@code keys} (the same name and keys make a re-issued CA). */
    public static Issued ca(String cn, KeyPair keys) {
        X509v3CertificateBuilder b = builder(cn, keys, new X500Name("CN=" + cn));
        add(b, Extension.basicConstraints, new BasicConstraints(true));
        add(b, Extension.keyUsage, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(b, keys.getPrivate()));
    }

    /** A CA certificate whose keyUsage does not allow signing certificates. */
    public static Issued caThatCannotSign(String cn) {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder b = builder(cn, keys, new X500Name("CN=" + cn));
        add(b, Extension.basicConstraints, new BasicConstraints(true));
        add(b, Extension.keyUsage, new KeyUsage(KeyUsage.digitalSignature));
        return new Issued(keys, sign(b, keys.getPrivate()));
    }

    /** A TLS server-and-client certificate for {@code CN=cn}, IP 127.0.0.1, issued by {@code ca}. */
    public static Issued leaf(Issued ca, String cn) {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder b = builder(cn, keys,
                X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded()));
        add(b, Extension.basicConstraints, new BasicConstraints(false));
        add(b, Extension.keyUsage, new KeyUsage(KeyUsage.digitalSignature));
        add(b, Extension.extendedKeyUsage,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        add(b, Extension.subjectAlternativeName, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return new Issued(keys, sign(b, ca.keys().getPrivate()));
    }

    private static X509v3CertificateBuilder builder(String cn, KeyPair keys, X500Name issuer) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + cn), keys.getPublic());
    }

    private static void add(X509v3CertificateBuilder b, org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
                            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            b.addExtension(oid, true, value);
        } catch (CertIOException e) {
            throw new AssertionError(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new AssertionError(e);
        }
    }
}
