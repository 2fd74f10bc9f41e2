package io.metagroup.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.tls.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose TLS files are missing, not PEM, mismatched or trust no CA refuses to start, naming the file, before
 * it claims its data dir.
 */
class TlsStartupErrorsTest {
    @TempDir
    Path dir;

    private Path key;
    private Path cert;
    private Path trustDir;
    private TestPki.Issued ca;

    @BeforeEach
    void files() throws IOException {
        ca = TestPki.ca("cluster-ca");
        key = dir.resolve("node.key");
        cert = dir.resolve("node.crt");
        trustDir = dir.resolve("ca.d");
        Files.createDirectories(trustDir);
        TestPki.leaf(ca, "node-1").writePem(key, cert);
        ca.writeCertificate(trustDir.resolve("cluster-ca.crt"));
    }

    private void assertRefused(String... expected) throws IOException {
        String address;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = "127.0.0.1:" + s.getLocalPort();
        }
        NodeConfig config = new NodeConfig(1, address, new TreeMap<>(Map.of(1L, address)),
                NodeConfig.DEFAULT_CLUSTER_NAME, dir.resolve("data"), Optional.of(new NodeConfig.Tls(key, cert, trustDir)),
                NodeConfig.DEFAULT_ELECTION_TIMEOUT, NodeConfig.DEFAULT_REQUEST_TIMEOUT, new TreeMap<>(), true);
        try (MetagroupNode node = MetagroupNode.create(config)) {
            var thrown = assertThatThrownBy(node::start).isInstanceOf(StartupException.class);
            for (String part : expected) {
                thrown.hasMessageContaining(part);
            }
        }
        assertThat(dir.resolve("data")).as("refused before the data dir is claimed").doesNotExist();
    }

    @Test
    void aMissingKeyFileIsNamed() throws IOException {
        Files.delete(key);
        assertRefused(key.toString());
    }

    @Test
    void aKeyFileThatIsNotPemIsNamed() throws IOException {
        Files.writeString(key, "not a key");
        assertRefused(key.toString(), "holds no PEM private key");
    }

    @Test
    void aCertificateFileWithoutACertificateIsNamed() throws IOException {
        Files.writeString(cert, "");
        assertRefused(cert.toString(), "holds no PEM certificate");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws IOException {
        TestPki.leaf(ca, "someone-else").writePem(key, dir.resolve("other.crt"));
        assertRefused(key.toString(), "does not belong to the certificate", cert.toString());
    }

    @Test
    void aTrustDirectoryWithoutACaIsRefused() throws IOException {
        Files.delete(trustDir.resolve("cluster-ca.crt"));
        assertRefused(trustDir.toString(), "holds no CA certificate");
    }

    @Test
    void aTrustDirectoryHoldingALeafIsRefused() throws IOException {
        Files.copy(cert, trustDir.resolve("leaf.crt"));
        assertRefused(trustDir.resolve("leaf.crt").toString(), "cannot be trusted");
    }
}
