package io.metagroup.cli;

import io.metagroup.bootstrap.CertificateIssuer;
import io.metagroup.bootstrap.Joiner;
import io.metagroup.bootstrap.KeyFiles;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.TlsTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** A cluster CA made by the test, as PEM files; node certificates issued by it. Nothing is checked in. */
record TestCaFiles(KeyPair keys, X509Certificate cert, Path keyFile, Path certFile) {

    static TestCaFiles create(Path dir) throws Exception {
        KeyPair keys = Joiner.newKeys();
        X509Certificate cert = CertificateIssuer.selfSignedCa(keys, "cli-test-ca", Duration.ofDays(1));
        Files.createDirectories(dir);
        Path key = dir.resolve("ca.key");
        Path crt = dir.resolve("ca.crt");
        KeyFiles.writePrivateKey(key, keys.getPrivate());
        KeyFiles.writeCertificate(crt, cert);
        return new TestCaFiles(keys, cert, key, crt);
    }

    Sha256 fingerprint() {
        return TlsTrust.fingerprint(cert);
    }

    /** Node {@code id}'s key and certificate for {@code address}, written under {@code dir}: [key, cert]. */
    Path[] nodeFiles(Path dir, long id, String address) throws Exception {
        KeyPair nodeKeys = Joiner.newKeys();
        X509Certificate leaf = new CertificateIssuer(keys.getPrivate(), cert, Duration.ofDays(1))
                .issue(nodeKeys.getPublic(), id, address);
        Path key = dir.resolve("n" + id + ".key");
        Path crt = dir.resolve("n" + id + ".crt");
        KeyFiles.writePrivateKey(key, nodeKeys.getPrivate());
        KeyFiles.writeCertificate(crt, leaf);
        return new Path[] {key, crt};
    }
}
