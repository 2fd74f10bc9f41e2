package io.metagroup.bootstrap;

import io.metagroup.bootstrap.internal.BootstrapEndpoint;
import io.metagroup.bootstrap.internal.JoinHandler;
import io.metagroup.bootstrap.internal.TokenSweeper;
import io.metagroup.plugin.jointoken.JoinTokenStates;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.plugin.tls.PemFiles;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSource;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The joining side of a running node, started after the node ({@link BootstrapSettings} says how): the leader's
 * token sweeps always, and the bootstrap endpoint when {@value BootstrapSettings#LISTEN} is set.
 *
 * <pre>{@code
 * MetagroupNode node = MetagroupNode.create(config).start();
 * try (Bootstrap bootstrap = Bootstrap.start(node)) { ... }
 * }</pre>
 */
public final class Bootstrap implements AutoCloseable {
    /** How long one proposal of a join may take. */
    private static final Duration PROPOSE_TIMEOUT = Duration.ofSeconds(20);

    private final TokenSweeper sweeper;
    private final BootstrapEndpoint endpoint;

    private Bootstrap(TokenSweeper sweeper, BootstrapEndpoint endpoint) {
        this.sweeper = sweeper;
        this.endpoint = endpoint;
    }

    /**
     * Starts the sweeps and, if configured, the endpoint of the started {@code node}.
     *
     * @throws java.net.BindException when the endpoint's address is taken
     * @throws IOException            when a key or certificate file cannot be read or used (the message names it)
     * @throws IllegalArgumentException when a setting is malformed, or the endpoint is configured on a node that
     *                                  runs no join-token plugin
     */
    public static Bootstrap start(MetagroupNode node) throws IOException {
        NodeConfig config = node.config();
        BootstrapSettings settings = BootstrapSettings.of(config);
        MetadataGroup group = node.group();
        JoinTokenStates tokens;
        try {
            tokens = group.core().applier(JoinTokens.PLUGIN_ID, JoinTokenStates.class);
        } catch (IllegalArgumentException e) {
            if (settings.listen().isPresent()) {
                throw new IllegalArgumentException("the bootstrap endpoint (" + BootstrapSettings.LISTEN + ") needs "
                        + "the join-token plugin, which this node does not run", e);
            }
            return new Bootstrap(null, null); // no tokens, nothing to sweep
        }
        TokenSweeper sweeper = TokenSweeper.start(group, tokens, settings.deadMan(), settings.sweepInterval());
        if (settings.listen().isEmpty()) {
            return new Bootstrap(sweeper, null);
        }
        try {
            Optional<CertificateIssuer> issuer = Optional.empty();
            if (settings.caKey().isPresent()) {
                issuer = Optional.of(new CertificateIssuer(PemFiles.readPrivateKey(settings.caKey().get()),
                        PemFiles.readCertificate(settings.caCert().get()), settings.certValidity()));
            }
            Supplier<List<X509Certificate>> trusted = trustedCas(group);
            SSLContext tls = serverTls(settings.serverKey().get(), settings.serverCert().get(), issuer, trusted.get());
            JoinHandler handler = new JoinHandler(group, tokens, config.clusterName(), config.tls().isPresent(),
                    issuer, trusted, PROPOSE_TIMEOUT);
            String listen = settings.listen().get();
            int colon = listen.lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(
                    listen.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(listen.substring(colon + 1)));
            return new Bootstrap(sweeper, BootstrapEndpoint.start(address, tls, handler));
        } catch (IOException | RuntimeException e) {
            sweeper.close();
            throw e;
        }
    }

    /** The trust set's CAs, read fresh each time; none when the node runs no tls-trust plugin. */
    private static Supplier<List<X509Certificate>> trustedCas(MetadataGroup group) {
        TrustSource source;
        try {
            source = group.core().applier(TlsTrust.PLUGIN_ID, TrustSource.class);
        } catch (IllegalArgumentException e) {
            return List::of;
        }
        return () -> source.trustSet().certificates();
    }

    /**
     * The endpoint's TLS: its key and chain, completed with the CA that issued the chain's last certificate when
     * the file lacks it, so a joiner can find the CA it pinned in what the server presents.
     */
    private static SSLContext serverTls(Path keyFile, Path certFile, Optional<CertificateIssuer> issuer,
                                        List<X509Certificate> trusted) throws IOException {
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(certFile));
        List<X509Certificate> cas = new ArrayList<>(trusted);
        issuer.ifPresent(i -> cas.add(0, i.caCertificate()));
        X509Certificate last = chain.get(chain.size() - 1);
        if (!last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
            // the joiner's PKIX check verifies the signature; a CA of the same name that did not sign fails there
            cas.stream().filter(ca -> ca.getSubjectX500Principal().equals(last.getIssuerX500Principal()))
                    .findFirst().ifPresent(chain::add);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {TlsTrust.keyManager(key, chain)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the bootstrap endpoint cannot use key " + keyFile + " with certificate " + certFile
                    + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint's address, when this node serves one. */
    public Optional<InetSocketAddress> endpoint() {
        return Optional.ofNullable(endpoint).map(BootstrapEndpoint::address);
    }

    /** Stops the endpoint and the sweeps. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (sweeper != null) {
            sweeper.close();
        }
    }
}
