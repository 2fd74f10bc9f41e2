package io.metagroup.bootstrap;

import io.metagroup.bootstrap.JoinException.Reason;
import io.metagroup.bootstrap.internal.JoinWire;
import io.metagroup.bootstrap.internal.PinnedCaTrustManager;
import io.metagroup.model.Bytes;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.JoinKeys;
import io.metagroup.plugin.jointoken.JoinToken;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.runtime.DataDirIdentity;
import io.metagroup.runtime.NodeConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The joining node's side: {@code metagroup node --join HOST:PORT --token-file F}. It makes a key pair and a CSR,
 * checks the endpoint's certificate against the CA pinned in the token file before it sends anything, sends the
 * token, node id, Raft address and CSR, verifies the reply's MAC (HKDF key from the token's secret, constant-time
 * compare), the CA and its new certificate, and writes into the data dir:
 * <ul>
 *   <li>{@value #KEY_FILE} (the node's private key, 0600), {@value #CERT_FILE} (its certificate)</li>
 *   <li>{@code ca.d/<sha256-hex>.crt}, one per cluster CA</li>
 *   <li>{@value #STATE_FILE}: the cluster joined, written last; a node started again with {@code --join} finds it
 *       and starts without contacting anyone</li>
 * </ul>
 * The token itself is written nowhere.
 */
public final class Joiner {
    /** The node's private key, under the data dir. */
    public static final String KEY_FILE = "tls/node.key";
    /** The node's certificate, under the data dir. */
    public static final String CERT_FILE = "tls/node.crt";
    /** The CA directory, under the data dir. */
    public static final String CA_DIR = "ca.d";
    /** What was joined, under the data dir. */
    public static final String STATE_FILE = "join.properties";

    private Joiner() {}

    /**
     * Joins through {@code endpoint} with the token of {@code tokenFile} unless {@code base}'s data dir shows the
     * node joined already, and returns the config to start the node with: {@code base} with the cluster's name, no
     * initial peers (the group adds it), mutual TLS with the new key when the group speaks it, and the new key as
     * the node's own bootstrap endpoint key.
     *
     * @throws JoinException when the join is refused or fails (the reason says which)
     * @throws IOException   when the token file or the data dir cannot be read or written
     */
    public static NodeConfig prepare(NodeConfig base, String endpoint, Path tokenFile, Duration timeout)
            throws JoinException, IOException {
        Path dir = base.dataDir();
        Path state = dir.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            TokenFile token = TokenFile.read(tokenFile);
            KeyPair keys = newKeys();
            JoinBundle bundle = join(endpoint, token, base.nodeId(), base.listen(), keys, timeout);
            write(dir, base.nodeId(), bundle, keys);
        }
        Properties joined = new Properties();
        try (Reader r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
            joined.load(r);
        }
        String cluster = joined.getProperty("cluster.name");
        boolean tls = Boolean.parseBoolean(joined.getProperty("mutual-tls"));
        Path key = dir.resolve(KEY_FILE);
        Path cert = dir.resolve(CERT_FILE);
        TreeMap<String, String> settings = new TreeMap<>(base.settings());
        settings.putIfAbsent(BootstrapSettings.SERVER_KEY, key.toString());
        settings.putIfAbsent(BootstrapSettings.SERVER_CERT, cert.toString());
        return new NodeConfig(base.nodeId(), base.listen(), new TreeMap<>(), cluster, dir,
                tls ? Optional.of(new NodeConfig.Tls(key, cert, dir.resolve(CA_DIR))) : Optional.empty(),
                base.electionTimeout(), base.requestTimeout(), settings, base.discovery());
    }

    /** A new EC P-256 key pair for a joining node. */
    public static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }

    /**
     * The handshake alone: joins node {@code nodeId} (Raft server at {@code raftAddress}) through the endpoint at
     * {@code endpoint} ({@code host:port}) with {@code token}, for the key pair {@code keys}; returns the verified
     * bundle. Writes nothing.
     *
     * @throws JoinException when the endpoint does not prove the pinned CA (nothing is sent then), refuses the
     *                       token, or its reply does not verify
     */
    public static JoinBundle join(String endpoint, TokenFile token, long nodeId, String raftAddress, KeyPair keys,
                                  Duration timeout) throws JoinException {
        byte[] csr;
        try {
            csr = CertificateIssuer.csr(keys, nodeId);
        } catch (GeneralSecurityException e) {
            throw new JoinException(Reason.BAD_REQUEST, "cannot make the CSR: " + e.getMessage(), e);
        }
        PinnedCaTrustManager pinned = new PinnedCaTrustManager(token.caHash());
        byte[] body = new JoinWire.Request(token.token().text(), nodeId, raftAddress, csr).encode();
        HttpResponse<byte[]> response = post(endpoint, pinned, body, timeout);
        if (response.statusCode() != 200) {
            throw JoinWire.refusal(response.statusCode(), response.body());
        }
        return verify(response.body(), token, pinned, keys);
    }

    private static HttpResponse<byte[]> post(String endpoint, PinnedCaTrustManager pinned, byte[] body,
                                             Duration timeout) throws JoinException {
        URI uri;
        try {
            uri = URI.create("https://" + endpoint + JoinWire.PATH);
        } catch (IllegalArgumentException e) {
            throw new JoinException(Reason.BAD_REQUEST, "the bootstrap endpoint is HOST:PORT, got '" + endpoint + "'");
        }
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "metagroup-join-client");
            t.setDaemon(true);
            return t;
        });
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {pinned}, null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).executor(executor)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.send(request, info -> HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofInputStream(), in -> {
                        try (in) {
                            return in.readNBytes(JoinWire.MAX_ANSWER);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS context cannot be made", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JoinException(Reason.UNAVAILABLE, "interrupted while joining through " + endpoint);
        } catch (IOException | java.io.UncheckedIOException e) {
            Optional<String> untrusted = certificateProblem(e);
            if (untrusted.isPresent()) {
                throw new JoinException(Reason.UNTRUSTED_SERVER, "the bootstrap endpoint " + endpoint
                        + " is not trusted: " + untrusted.get(), e);
            }
            throw new JoinException(Reason.UNAVAILABLE, "cannot join through " + endpoint + ": " + rootMessage(e)
                    + " (the token may be in flight until the leader's dead-man timer reverts it; retry then)", e);
        } finally {
            executor.shutdownNow();
        }
    }

    /** The message of the certificate check that failed the handshake, if that is what failed. */
    private static Optional<String> certificateProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateException) {
                return Optional.of(c.getMessage());
            }
            if (c instanceof javax.net.ssl.SSLHandshakeException && c.getCause() == null) {
                return Optional.of(c.getMessage());
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private static JoinBundle verify(byte[] reply, TokenFile token, PinnedCaTrustManager pinned, KeyPair keys)
            throws JoinException {
        JoinWire.Answer answer;
        JoinBundle bundle;
        try {
            answer = JoinWire.Answer.decode(reply);
            bundle = JoinBundle.decode(answer.bundle());
        } catch (IOException e) {
            throw new JoinException(Reason.FORGED_REPLY, "the join reply does not decode: " + e.getMessage(), e);
        }
        JoinToken t = token.token();
        byte[] key = JoinKeys.deriveBundleKey(t.secret(), bundle.clusterName());
        if (!JoinKeys.verifyBundle(key, answer.bundle(), answer.mac())) {
            throw new JoinException(Reason.FORGED_REPLY, "the join reply's MAC does not verify: it was not made "
                    + "with this token's secret");
        }
        X509Certificate ca = pinned.pinnedCa().orElseThrow(() -> new JoinException(Reason.UNTRUSTED_SERVER,
                "the endpoint's CA was not checked"));
        Sha256 pin = TlsTrust.fingerprint(ca);
        boolean listed = bundle.caCerts().stream().anyMatch(d -> JoinKeys.sameHash(TlsTrust.fingerprint(d.toByteArray()), pin));
        if (!listed) {
            throw new JoinException(Reason.FORGED_REPLY, "the join reply's CA certificates do not include the pinned "
                    + "CA " + pin);
        }
        X509Certificate leaf = certificate(bundle.certificate());
        if (!leaf.getPublicKey().equals(keys.getPublic())) {
            throw new JoinException(Reason.FORGED_REPLY, "the certificate in the join reply is not for this node's key");
        }
        for (Bytes der : bundle.caCerts()) {
            try {
                leaf.verify(certificate(der).getPublicKey());
                return bundle;
            } catch (GeneralSecurityException e) {
                // not signed by this CA: try the next
            }
        }
        throw new JoinException(Reason.FORGED_REPLY, "the certificate in the join reply is signed by none of the "
                + "cluster's CAs");
    }

    private static X509Certificate certificate(Bytes der) throws JoinException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
        } catch (CertificateException e) {
            throw new JoinException(Reason.FORGED_REPLY, "a certificate of the join reply does not parse: "
                    + e.getMessage(), e);
        }
    }

    /** Claims the data dir for the cluster joined, then writes the key, the certificates and, last, the state. */
    private static void write(Path dir, long nodeId, JoinBundle bundle, KeyPair keys) throws IOException {
        try {
            DataDirIdentity.claim(dir, bundle.clusterName(), nodeId);
        } catch (io.metagroup.runtime.ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        KeyFiles.writePrivateKey(dir.resolve(KEY_FILE), keys.getPrivate());
        KeyFiles.writeCertificate(dir.resolve(CERT_FILE), certificateUnchecked(bundle.certificate()));
        for (Bytes der : bundle.caCerts()) {
            X509Certificate ca = certificateUnchecked(der);
            KeyFiles.writeCertificate(dir.resolve(CA_DIR).resolve(TlsTrust.fingerprint(ca).toHex() + ".crt"), ca);
        }
        Properties state = new Properties();
        state.setProperty("cluster.name", bundle.clusterName());
        state.setProperty("mutual-tls", Boolean.toString(bundle.mutualTls()));
        state.setProperty("join.index", Long.toString(bundle.joinIndex()));
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            state.store(w, "Metagroup: this node joined its group; do not edit");
        }
        Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    private static X509Certificate certificateUnchecked(Bytes der) throws IOException {
        try {
            return certificate(der);
        } catch (JoinException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

}
