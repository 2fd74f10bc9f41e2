package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.bootstrap.TokenFile;
import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.client.StateSummary;
import io.metagroup.runtime.MetagroupNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command adds a fresh node to a running three-node group: {@code metagroup token create --out F} on the
 * operator's side, then {@code metagroup node --join HOST:PORT --token-file F --id 4 ...} in a process of its own.
 * The node joins, is promoted to voter, reaches the same digest as the others, and the raw token is in no data dir
 * and nothing the joining process printed or logged.
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
            Cli.assertOk(Cli.run("token", "create", "--peers", group.peersFlag(), "--cluster", JoiningGroup.CLUSTER,
                    "--timeout", "30s", "--ttl", "15m", "--ca-cert", ca.certFile().toString(), "--out",
                    tokenFile.toString()));
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
            Path out2 = dir.resolve("joiner-restarted.out");
            Path err2 = dir.resolve("joiner-restarted.err");
            Process restarted = null;
            try {
                MetadataGroup first = group.nodes.get(0).group();
                await(() -> "node 4 is promoted to voter", () -> !joiner.isAlive()
                        || first.status().peers().stream().anyMatch(p -> p.nodeId() == JOINER && p.voter()));
                assertThat(joiner.isAlive()).as("the joiner runs; it printed %s %s", Files.readString(out),
                        Files.readString(err)).isTrue();
                assertThat(Files.readString(out)).contains("node 4 is a member of cluster '" + JoiningGroup.CLUSTER + "'");
                // Ratis keeps a server that started outside the group in its starting state for client requests,
                // so the joined node answers queries once restarted: the same command again, from its data dir
                stop(joiner);
                restarted = new ProcessBuilder(command).redirectOutput(out2.toFile()).redirectError(err2.toFile())
                        .start();
                assertThat(first.propose(new MetadataEntry.CatalogDdl(Bytes.of("after the join"
                        .getBytes(StandardCharsets.UTF_8)))).get(30, TimeUnit.SECONDS).applied()).isTrue();

                TreeMap<Long, String> all = new TreeMap<>(group.peers);
                all.put(JOINER, listen);
                try (MetadataClient client = MetadataClient.open(JoiningGroup.CLUSTER, all)) {
                    List<String> seen = new ArrayList<>(List.of("nothing yet"));
                    await(() -> "node 4 reaches the others' index and digest; last seen " + seen, () -> {
                        try {
                            StateSummary s = client.readLocal(JOINER);
                            seen.set(0, "node 4 at " + s.appliedIndex() + " " + s.digest() + " " + s.plugins());
                            for (MetagroupNode n : group.nodes) {
                                if (n.group().appliedIndex() != s.appliedIndex() || !n.group().digest().equals(s.digest())) {
                                    seen.add("node " + n.config().nodeId() + " at " + n.group().appliedIndex() + " "
                                            + n.group().digest() + " " + n.plugins().stream().map(p -> p.id()).toList());
                                    if (seen.size() > 4) {
                                        seen.subList(1, seen.size() - 3).clear();
                                    }
                                    return false;
                                }
                            }
                            return true;
                        } catch (Exception e) {
                            seen.set(0, e.toString());
                            return false;
                        }
                    });
                }
                assertThat(Files.getPosixFilePermissions(data.resolve("tls/node.key")))
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(data.resolve("ca.d").resolve(ca.fingerprint().toHex() + ".crt")).exists();
            } finally {
                stop(joiner);
                if (restarted != null) {
                    stop(restarted);
                }
            }
            List<Path> searched = new ArrayList<>(List.of(out, err, out2, err2));
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
