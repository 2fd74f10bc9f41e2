package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.bootstrap.TokenFile;
import io.metagroup.plugin.jointoken.JoinTokenStates;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.runtime.MetagroupNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metagroup token create}: registers a token through a client (only its hash reaches the group), prints it
 * once with the CA hash as a token file line, or writes it to a new 0600 file; bad options are one-line errors.
 * {@code metagroup token list}: hashes and states, never a secret.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TokenCommandsTest {
    @TempDir
    static Path dir;
    static InJvmGroup group;
    static TestCaFiles ca;

    @BeforeAll
    static void startGroup() throws Exception {
        group = InJvmGroup.start(dir, 3);
        ca = TestCaFiles.create(dir.resolve("ca"));
    }

    @AfterAll
    static void stopGroup() {
        if (group != null) {
            group.close();
        }
    }

    /** {@code metagroup token create} against the group, followed by {@code more}. */
    private static String[] create(String... more) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("token", "create", "--peers",
                group.peersFlag(), "--cluster", InJvmGroup.CLUSTER, "--timeout", "30s"));
        all.addAll(java.util.List.of(more));
        return all.toArray(String[]::new);
    }

    /** The token's state on node {@code i} once it has applied what the leader has. */
    private static Optional<TokenState> state(TokenFile token) throws Exception {
        MetagroupNode node = group.nodes().get(0);
        return node.group().readLinearizable(core -> core.applier(JoinTokens.PLUGIN_ID, JoinTokenStates.class)
                .state(token.token().hash())).get(30, TimeUnit.SECONDS);
    }

    @Test
    void createPrintsATokenLineWithTheCaHashAndRegistersOnlyItsHash() throws Exception {
        long before = System.currentTimeMillis();
        Cli.Result r = Cli.assertOk(Cli.run(create("--ttl", "15m", "--ca-cert",
                ca.certFile().toString())));
        String first = r.out().lines().findFirst().orElseThrow();
        TokenFile token = TokenFile.parse(r.out());
        assertThat(first).isEqualTo(token.line()).startsWith("token: " + token.token().id() + ".")
                .endsWith("ca-cert-hash: sha256:" + ca.fingerprint().toHex());
        assertThat(r.out()).contains("# token " + token.token().id() + " expires at");
        TokenState state = state(token).orElseThrow();
        assertThat(state).isInstanceOf(TokenState.Issued.class);
        long expiry = ((TokenState.Issued) state).expiresAtMs();
        assertThat(expiry).isBetween(before + 15 * 60_000L, System.currentTimeMillis() + 15 * 60_000L);
        assertThat(Instant.ofEpochMilli(expiry)).isAfter(Instant.now());
        // the group holds the hash only: nothing in any node's data dir holds the token's text
        for (MetagroupNode node : group.nodes()) {
            try (var files = Files.walk(node.config().dataDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as("%s", f).doesNotContain(token.token().text());
                }
            }
        }
    }

    @Test
    void createWithOutWritesANewOwnerOnlyFileAndPrintsNoSecret() throws Exception {
        Path out = dir.resolve("tokens").resolve("join.token");
        Cli.Result r = Cli.assertOk(Cli.run(create("--ca-cert", ca.certFile().toString(),
                "--out", out.toString())));
        TokenFile token = TokenFile.read(out);
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(r.out()).contains("token " + token.token().id() + " written to " + out)
                .doesNotContain(token.token().text());
        assertThat(state(token)).get().isInstanceOf(TokenState.Issued.class);

        Cli.assertOneLineError(Cli.run(create("--ca-cert", ca.certFile().toString(),
                "--out", out.toString())), Metagroup.USAGE, "exists; a token file is never overwritten");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Cli.assertOneLineError(Cli.run(create()), Metagroup.USAGE, "give --ca-cert FILE");
        Cli.assertOneLineError(Cli.run(create("--ca-cert", ca.certFile().toString(), "--ttl",
                "soon")), Metagroup.USAGE, "soon");
        Cli.assertOneLineError(Cli.run(create("--ca-cert", dir.resolve("nope.pem").toString())),
                Metagroup.USAGE, "the cluster CA certificate");
    }

    @Test
    void listShowsEveryTokenByHashWithItsStateAndNoSecret() throws Exception {
        TokenFile token = TokenFile.parse(Cli.assertOk(Cli.run(create("--ca-cert", ca.certFile().toString()))).out());
        Cli.Result r = Cli.assertOk(Cli.run("token", "list", "--peers", group.peersFlag(), "--cluster",
                InJvmGroup.CLUSTER, "--timeout", "30s"));
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("TOKEN-HASH").contains("STATE");
        assertThat(r.out()).contains("sha256:" + token.token().hash().toHex().substring(0, 16) + "  issued  expires at")
                .doesNotContain(token.token().text().substring(token.token().id().length() + 1))
                .doesNotContain(token.token().id() + ".");
    }
}
