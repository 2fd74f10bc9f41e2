package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSource;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate-ca} and {@code ca list} against a one-node mutual-TLS group, through a client certificate: a CA is
 * staged and listed; a certificate that is no CA is refused before anything is sent; removing the CA that signed
 * the member's certificate is refused by the leader's advisory check; a bad fingerprint is a usage error; a client
 * without a certificate cannot reach the group.
 */
@Timeout(120)
class RotateCaCommandTest {
    @TempDir
    Path dir;

    @Test
    void stagesListsAndRefusesWhatWouldBreakTheGroup() throws Exception {
        TestPki.Issued oldCa = TestPki.ca("old-ca");
        TestPki.Issued newCa = TestPki.ca("new-ca");
        Path oldCaPem = dir.resolve("old-ca.pem");
        Path newCaPem = dir.resolve("new-ca.pem");
        oldCa.writeCertificate(oldCaPem);
        newCa.writeCertificate(newCaPem);
        TestPki.Issued operator = TestPki.leaf(oldCa, "operator");
        Path key = dir.resolve("operator.key");
        Path cert = dir.resolve("operator.crt");
        operator.writePem(key, cert);

        try (MetagroupNode node = startNode(TestPki.leaf(oldCa, "node-1"), oldCaPem)) {
            TrustSource trust = node.group().core().applier(TlsTrust.PLUGIN_ID, TrustSource.class);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!trust.replicated() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            String peers = "1=" + node.config().listen();
            List<String> tls = List.of("--peers", peers, "--timeout", "30s", "--tls-key", key.toString(),
                    "--tls-cert", cert.toString(), "--tls-ca", oldCaPem.toString());

            Cli.Result listed = Cli.assertOk(Cli.run(args(List.of("ca", "list"), tls)));
            assertThat(listed.out()).contains(oldCa.fingerprint().toString()).contains("CN=old-ca")
                    .doesNotContain("CN=new-ca");

            Cli.Result staged = Cli.assertOk(Cli.run(args(List.of("rotate-ca", "--stage", newCaPem.toString()), tls)));
            assertThat(staged.out()).contains("staged CA " + newCa.fingerprint());
            assertThat(Cli.assertOk(Cli.run(args(List.of("ca", "list"), tls))).out())
                    .contains(oldCa.fingerprint().toString()).contains(newCa.fingerprint().toString());
            assertThat(trust.trustSet().fingerprints()).contains(newCa.fingerprint());

            long before = node.group().appliedIndex();
            Cli.assertOneLineError(Cli.run(args(List.of("rotate-ca", "--stage", cert.toString()), tls)),
                    Metagroup.USAGE, "is not a CA certificate");
            Cli.assertOneLineError(Cli.run(args(List.of("rotate-ca", "--finalize", "--remove",
                    oldCa.fingerprint().toString()), tls)), Metagroup.USAGE, "would leave the member certificate");
            Cli.assertOneLineError(Cli.run(args(List.of("rotate-ca", "--finalize", "--remove", "abc"), tls)),
                    Metagroup.USAGE, "64 hex digits");
            assertThat(node.group().appliedIndex()).as("nothing refused entered the log").isEqualTo(before);
            assertThat(trust.trustSet().fingerprints()).contains(oldCa.fingerprint(), newCa.fingerprint());

            Cli.Result plain = Cli.run("ca", "list", "--peers", peers, "--timeout", "3s");
            assertThat(plain.code()).as(plain.err()).isEqualTo(Metagroup.FAILURE);
        }
    }

    private static String[] args(List<String> command, List<String> tls) {
        List<String> all = new ArrayList<>(command);
        all.addAll(tls);
        return all.toArray(String[]::new);
    }

    /** A one-node TLS group presenting {@code leaf}, its trust directory holding {@code caPem}. */
    private MetagroupNode startNode(TestPki.Issued leaf, Path caPem) throws Exception {
        Path key = dir.resolve("n1.key");
        Path cert = dir.resolve("n1.crt");
        leaf.writePem(key, cert);
        Path trustDir = dir.resolve("n1-ca.d");
        Files.createDirectories(trustDir);
        Files.copy(caPem, trustDir.resolve("cluster-ca.crt"));
        for (int attempt = 0; ; attempt++) {
            String address = "127.0.0.1:" + InJvmGroup.freePort();
            Path data = dir.resolve("n1-try" + attempt);
            NodeConfig config = new NodeConfig(1, address, new TreeMap<>(Map.of(1L, address)),
                    NodeConfig.DEFAULT_CLUSTER_NAME, data, Optional.of(new NodeConfig.Tls(key, cert, trustDir)),
                    NodeConfig.DEFAULT_ELECTION_TIMEOUT, Duration.ofSeconds(3), new TreeMap<>(), true);
            MetagroupNode node = MetagroupNode.create(config);
            try {
                node.start();
                node.group().ready().get(60, TimeUnit.SECONDS);
                return node;
            } catch (StartupException e) {
                node.close();
                if (attempt >= 4 || !e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
    }
}
