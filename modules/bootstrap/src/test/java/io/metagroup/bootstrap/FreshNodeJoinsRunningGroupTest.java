package io.metagroup.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh node joins a running three-node group whose peers speak mutual TLS, with one call (token file, endpoint,
 * its id and address): it receives its certificate and the CA, starts with mutual TLS itself, is promoted to voter
 * by the reconciler and reaches the same digest; it restarts from its data dir without the endpoint; and the raw
 * token is in no data dir and no log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshNodeJoinsRunningGroupTest {
    private static final long JOINER = 4;

    @TempDir
    static Path dir;
    private static JoinCluster cluster;
    private static TokenFile token;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = JoinCluster.start(dir.resolve("cluster"), 3, java.time.Duration.ofSeconds(60), true);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aFreshNodeJoinsBecomesAVoterAndReachesTheSameDigest() throws Exception {
        token = cluster.newToken(java.time.Duration.ofMinutes(5));
        Path tokenFile = dir.resolve("operator").resolve("token.txt");
        token.write(tokenFile);
        NodeConfig base = cluster.joinerConfig(JOINER);

        NodeConfig joined = Joiner.prepare(base, cluster.endpoint(2), tokenFile, JoinCluster.TIMEOUT);
        assertThat(joined.clusterName()).isEqualTo(JoinCluster.CLUSTER);
        assertThat(joined.peers()).isEmpty();
        assertThat(joined.tls()).as("the group speaks mutual TLS, so does the joiner").isPresent();
        Path data = base.dataDir();
        assertThat(Files.getPosixFilePermissions(data.resolve(Joiner.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(data.resolve(Joiner.CA_DIR).resolve(cluster.ca.fingerprint().toHex() + ".crt")).exists();
        assertThat(TlsTrust.fingerprint(io.metagroup.plugin.tls.PemFiles.readCertificate(
                data.resolve(Joiner.CA_DIR).resolve(cluster.ca.fingerprint().toHex() + ".crt"))))
                .isEqualTo(cluster.ca.fingerprint());
        assertThat(cluster.state(token.token())).get().isInstanceOf(TokenState.Consumed.class);

        try (MetagroupNode node = MetagroupNode.create(joined).start()) {
            JoinCluster.await("the joiner is promoted to voter", JoinCluster.TIMEOUT.multipliedBy(2), () ->
                    cluster.group(1).status().peers().stream().anyMatch(p -> p.nodeId() == JOINER && p.voter()));
            assertThat(cluster.propose(new MetadataEntry.CatalogDdl(io.metagroup.model.Bytes.of(
                    "after the join".getBytes(StandardCharsets.UTF_8)))).applied()).isTrue();
            List<MetadataGroup> all = new ArrayList<>();
            for (long id : cluster.running()) {
                all.add(cluster.group(id));
            }
            all.add(node.group());
            awaitSameDigest(all);
        }
        // restarted from its data dir: no contact with the endpoint (the token is consumed), same group
        NodeConfig again = Joiner.prepare(base, "127.0.0.1:1", tokenFile, JoinCluster.TIMEOUT);
        assertThat(again).isEqualTo(joined);
        try (MetagroupNode node = MetagroupNode.create(again).start()) {
            JoinCluster.await("the restarted joiner follows the group", JoinCluster.TIMEOUT, () ->
                    node.group().status().role() == GroupStatus.Role.FOLLOWER
                            && node.group().appliedIndex() >= cluster.group(1).appliedIndex());
        }
    }

    private static void awaitSameDigest(List<MetadataGroup> groups) throws InterruptedException {
        JoinCluster.await("every node at the same index with the same digest", JoinCluster.TIMEOUT, () -> {
            long index = groups.get(0).appliedIndex();
            Sha256 digest = groups.get(0).digest();
            for (MetadataGroup g : groups) {
                if (g.appliedIndex() != index || !g.digest().equals(digest) || g.appliedIndex() != index) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    @Order(2)
    void theRawTokenIsInNoDataDirAndNoLogLine() throws Exception {
        assertThat(token).as("the join test ran first").isNotNull();
        byte[] text = token.token().text().getBytes(StandardCharsets.UTF_8);
        byte[] secretHex = HexFormat.of().formatHex(token.token().secret()).getBytes(StandardCharsets.UTF_8);
        byte[] secret = token.token().secret();
        List<Path> searched = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("cluster"))) {
            files.filter(Files::isRegularFile).forEach(searched::add);
        }
        searched.add(Path.of("target", "test-nodes.log"));
        assertThat(searched).hasSizeGreaterThan(10).contains(Path.of("target", "test-nodes.log"));
        for (Path f : searched) {
            byte[] content = Files.readAllBytes(f);
            for (byte[] needle : List.of(text, secretHex, secret)) {
                // ISO-8859-1 maps every byte to one char, so a text search is a byte search
                assertThat(new String(content, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("token bytes in %s", f)
                        .doesNotContain(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }

}
