package io.metagroup.bootstrap;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster CA made by the test with BouncyCastle (self-signed, EC P-256, a day long), its key and certificate
 * written as PEM files; node certificates come from the production {@link CertificateIssuer}.
 */
final class TestCa {
    final KeyPair keys;
    final X509Certificate cert;
    final Path keyFile;
    final Path certFile;

    private TestCa(KeyPair keys, X509Certificate cert, Path keyFile, Path certFile) {
        this.keys = keys;
        this.cert = cert;
        this.keyFile = keyFile;
        this.certFile = certFile;
    }

    /** A new CA named {@code CN=cn}, its files in {@code dir}. */
    static TestCa create(Path dir, String cn) throws Exception {
        KeyPair keys = Joiner.newKeys();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + cn);
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        Path keyFile = dir.resolve(cn + ".key");
        Path certFile = dir.resolve(cn + ".crt");
        Joiner.writeKey(keyFile, keys.getPrivate());
        Joiner.writeCertificate(certFile, cert);
        return new TestCa(keys, cert, keyFile, certFile);
    }

    /** Issues node {@code nodeId}'s certificate for {@code address}; writes {@code node.key} and {@code node.crt}. */
    Path[] nodeFiles(Path dir, long nodeId, String address) throws Exception {
        KeyPair nodeKeys = Joiner.newKeys();
        X509Certificate leaf = new CertificateIssuer(keys.getPrivate(), cert, Duration.ofDays(1))
                .issue(nodeKeys.getPublic(), nodeId, address);
        Path key = dir.resolve("node.key");
        Path crt = dir.resolve("node.crt");
        Joiner.writeKey(key, nodeKeys.getPrivate());
        Joiner.writeCertificate(crt, leaf);
        return new Path[] {key, crt};
    }

    /** The SHA-256 fingerprint a token file pins. */
    io.metagroup.model.Sha256 fingerprint() {
        return io.metagroup.plugin.tls.TlsTrust.fingerprint(cert);
    }

}
