package io.metagroup.cli;

import io.metagroup.bootstrap.BootstrapSettings;
import io.metagroup.bootstrap.TokenFile;
import io.metagroup.model.Sha256;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.plugin.jointoken.JoinToken;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.plugin.tls.PemFiles;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalResult;
import io.metagroup.runtime.ConfigException;
import io.metagroup.runtime.NodeConfigs;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metagroup token}: join tokens. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Join tokens for adding nodes to a running group.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class})
final class TokenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Metagroup.USAGE;
    }

    /**
     * {@code metagroup token create}: registers a new single-use token (only its SHA-256 enters the log) and prints
     * it once, kubeadm-style, with the CA hash the joiner pins: the line {@code metagroup node --join --token-file}
     * reads. With {@code --out} the line goes to a new file (0600) instead and only the token id is printed.
     */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a single-use join token and print it once with the cluster CA's hash.",
            footer = {"", "Exit: 0 created, 3 rejected at apply, 2 bad option or CA file, 1 group unreachable."})
    static final class Create extends GroupCommand {
        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
                description = "how long the token can be used (default: ${DEFAULT-VALUE})")
        String ttl;

        @Option(names = "--ca-cert", paramLabel = "FILE", description = "the cluster CA certificate (PEM) the joiner "
                + "pins; default: " + BootstrapSettings.CA_CERT + " of --config, else the one *.crt of its trust dir")
        Path caCert;

        @Option(names = "--out", paramLabel = "FILE",
                description = "write the token line to this new file (mode 0600) instead of printing it")
        Path outFile;

        private Duration lifetime;
        private Sha256 caHash;

        @Override
        void check() throws UsageException {
            try {
                lifetime = Values.duration(ttl, "--ttl");
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
            if (lifetime.isZero() || lifetime.isNegative()) {
                throw new UsageException("--ttl must be positive, got '" + ttl + "'", null);
            }
            if (outFile != null && Files.exists(outFile)) {
                throw new UsageException("--out " + outFile + " exists; a token file is never overwritten", null);
            }
            try {
                caHash = TlsTrust.fingerprint(PemFiles.readCertificate(caFile()));
            } catch (IOException e) {
                throw new UsageException("the cluster CA certificate: " + e.getMessage(), e);
            }
        }

        /** {@code --ca-cert}, or the CA a node's config names. */
        private Path caFile() throws UsageException, IOException {
            if (caCert != null) {
                return caCert;
            }
            if (group.config == null) {
                throw new UsageException("give --ca-cert FILE (the cluster CA certificate the joiner pins), or "
                        + "--config of a node that names it", null);
            }
            Map<String, String> settings;
            try {
                settings = NodeConfigs.readFile(group.config);
            } catch (ConfigException e) {
                throw new UsageException(e.getMessage(), e);
            }
            if (settings.containsKey(BootstrapSettings.CA_CERT)) {
                return Path.of(settings.get(BootstrapSettings.CA_CERT));
            }
            Path trustDir = Path.of(settings.getOrDefault("tls.trust-dir",
                    Path.of(settings.getOrDefault("node.data-dir", ".")).resolve("ca.d").toString()));
            List<Path> crts;
            try (Stream<Path> files = Files.list(trustDir)) {
                crts = files.filter(p -> p.getFileName().toString().endsWith(".crt")).sorted().toList();
            }
            if (crts.size() != 1) {
                throw new UsageException(trustDir + " holds " + crts.size() + " CA certificates; choose the one the "
                        + "joiner pins with --ca-cert FILE", null);
            }
            return crts.get(0);
        }

        @Override
        Duration proposeTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        int run(MetadataClient client, PrintWriter out) throws Exception {
            JoinToken token = JoinToken.generate(new SecureRandom());
            long now = System.currentTimeMillis();
            JoinTokenTransition register = JoinTokens.register(token, lifetime, now);
            ProposalResult result;
            try {
                result = client.propose(register).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            if (result.outcome() instanceof Outcome.Rejected r) {
                error("rejected at index " + result.index() + ": " + r.reason());
                return Metagroup.REJECTED;
            }
            TokenFile file = new TokenFile(token, caHash);
            String expires = "# token " + token.id() + " expires at " + Instant.ofEpochMilli(now + lifetime.toMillis())
                    + "; join with: metagroup node --join HOST:PORT --token-file FILE --id ID --listen HOST:PORT"
                    + " --data-dir DIR";
            if (outFile != null) {
                file.write(outFile);
                out.println("token " + token.id() + " written to " + outFile + " (ca-cert-hash " + caHash + ")");
                out.println(expires);
            } else {
                out.println(file.line());
                out.println(expires);
            }
            return 0;
        }
    }

    /**
     * {@code metagroup token list}: every token the group knows, by hash (the log holds no token id or secret), with
     * its state, read linearizably.
     */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the join tokens of a running group: hash, state, expiry. Never a secret.")
    static final class ListTokens extends GroupCommand {
        @Override
        int run(MetadataClient client, PrintWriter out) throws Exception {
            java.util.SortedMap<Sha256, TokenState> tokens = JoinTokens.readState(
                    client.readPluginState(JoinTokens.PLUGIN_ID));
            Table table = new Table("TOKEN-HASH", "STATE", "DETAIL");
            for (Map.Entry<Sha256, TokenState> e : tokens.entrySet()) {
                TokenState state = e.getValue();
                String detail = state instanceof TokenState.Issued issued
                        ? "expires at " + Instant.ofEpochMilli(issued.expiresAtMs()) : state.describe();
                table.row("sha256:" + e.getKey().toHex().substring(0, 16), state.getClass().getSimpleName()
                        .toLowerCase(java.util.Locale.ROOT), detail);
            }
            table.print(out);
            return 0;
        }
    }
}
