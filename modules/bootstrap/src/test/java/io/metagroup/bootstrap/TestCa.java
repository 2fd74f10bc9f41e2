package io.metagroup.bootstrap;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * A cluster CA made by the test (self-signed, EC P-256, a day long, built with BouncyCastle), its key and certificate
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
        X509Certificate cert = CertificateIssuer.selfSignedCa(keys, cn, Duration.ofDays(1));
        Path keyFile = dir.resolve(cn + ".key");
        Path certFile = dir.resolve(cn + ".crt");
        KeyFiles.writePrivateKey(keyFile, keys.getPrivate());
        KeyFiles.writeCertificate(certFile, cert);
        return new TestCa(keys, cert, keyFile, certFile);
    }

    /** Issues node {@code nodeId}'s certificate for {@code address}; writes {@code node.key} and {@code node.crt}. */
    Path[] nodeFiles(Path dir, long nodeId, String address) throws Exception {
        KeyPair nodeKeys = Joiner.newKeys();
        X509Certificate leaf = new CertificateIssuer(keys.getPrivate(), cert, Duration.ofDays(1))
                .issue(nodeKeys.getPublic(), nodeId, address);
        Path key = dir.resolve("node.key");
        Path crt = dir.resolve("node.crt");
        KeyFiles.writePrivateKey(key, nodeKeys.getPrivate());
        KeyFiles.writeCertificate(crt, leaf);
        return new Path[] {key, crt};
    }

    /** The SHA-256 fingerprint a token file pins. */
    io.metagroup.model.Sha256 fingerprint() {
        return io.metagroup.plugin.tls.TlsTrust.fingerprint(cert);
    }

}
