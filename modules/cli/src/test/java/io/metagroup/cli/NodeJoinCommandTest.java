package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.bootstrap.TokenFile;
import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.MetadataGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command adds a fresh node to a running three-node group whose peers speak mutual TLS:
 * {@code metagroup token create --out F} on the operator's side, then {@code metagroup node --join HOST:PORT --token-file F --id 4 ...} in a process of its own.
 * The node joins, is promoted to voter, commits what the group commits after it, and the raw token is in no data
 * dir and nothing the joining process printed or logged.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NodeJoinCommandTest {
    private static final long JOINER = 4;

    @TempDir
    Path dir;

    @Test
    void aFreshNodeJoinsARunningGroupWithOneCommand() throws Exception {
        TestCaFiles ca = TestCaFiles.create(dir.resolve("ca"));
        try (JoiningGroup group = JoiningGroup.start(dir.resolve("group"), ca)) {
            Path tokenFile = dir.resolve("operator").resolve("join.token");
            // the operator's client speaks mutual TLS to the group (here with node 1's certificate)
            Cli.assertOk(Cli.run("token", "create", "--peers", group.peersFlag(), "--cluster", JoiningGroup.CLUSTER,
                    "--timeout", "30s", "--tls-key", group.keys.get(1L)[0].toString(), "--tls-cert",
                    group.keys.get(1L)[1].toString(), "--tls-ca", ca.certFile().toString(), "--ttl", "15m",
                    "--ca-cert", ca.certFile().toString(), "--out", tokenFile.toString()));
            TokenFile token = TokenFile.read(tokenFile);

            String listen = "127.0.0.1:" + InJvmGroup.freePort();
            Path data = dir.resolve("joiner");
            Path out = dir.resolve("joiner.out");
            Path err = dir.resolve("joiner.err");
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), Metagroup.class.getName(), "-v", "node", "--join",
                    group.endpoints.get(2L), "--token-file", tokenFile.toString(), "--id", Long.toString(JOINER),
                    "--listen", listen, "--data-dir", data.toString(), "--election-timeout", "1s");
            Process joiner = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                MetadataGroup first = group.nodes.get(0).group();
                await(() -> "node 4 is promoted to voter", () -> !joiner.isAlive()
                        || first.status().peers().stream().anyMatch(p -> p.nodeId() == JOINER && p.voter()));
                assertThat(joiner.isAlive()).as("the joiner runs; it printed %s %s", Files.readString(out),
                        Files.readString(err)).isTrue();
                assertThat(Files.readString(out)).contains("node 4 is a member of cluster '" + JoiningGroup.CLUSTER + "'");
                long index = first.propose(new MetadataEntry.CatalogDdl(Bytes.of("after the join"
                        .getBytes(StandardCharsets.UTF_8)))).get(30, TimeUnit.SECONDS).index();
                // the leader sees the new voter commit what came after its join (digests: FreshNodeJoinsRunningGroupTest)
                await(() -> "node 4 commits index " + index, () -> group.nodes.stream().map(n -> n.group().status())
                        .filter(s -> s.role() == io.metagroup.raft.GroupStatus.Role.LEADER)
                        .flatMap(s -> s.peers().stream())
                        .anyMatch(p -> p.nodeId() == JOINER && p.commitIndex() >= index));
                assertThat(joiner.isAlive()).isTrue();
                assertThat(Files.getPosixFilePermissions(data.resolve("tls/node.key")))
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(data.resolve("ca.d").resolve(ca.fingerprint().toHex() + ".crt")).exists();
                assertThat(Files.readString(data.resolve("join.properties"))).contains("mutual-tls=true");
            } finally {
                stop(joiner);
            }
            group.close(); // the files stop changing
            List<Path> searched = new ArrayList<>(List.of(out, err));
            for (Path root : List.of(data, dir.resolve("group"))) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).forEach(searched::add);
                }
            }
            assertThat(Files.readString(err)).as("the joiner logged (-v)").isNotEmpty();
            String secretHex = token.token().text().substring(token.token().id().length() + 1);
            for (Path f : searched) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as("%s", f).doesNotContain(secretHex);
                assertThat(content).as("%s", f).doesNotContain(new String(token.token().secret(),
                        StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what.get());
            }
            Thread.sleep(100);
        }
    }
}
