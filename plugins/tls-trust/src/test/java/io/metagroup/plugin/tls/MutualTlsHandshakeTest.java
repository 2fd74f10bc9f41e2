package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.tls.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real mutual-TLS handshakes on 127.0.0.1 between two "nodes", each with its own tls-trust applier whose trust
 * manager is handed to its SSLContext once: the peers connect while their CA is trusted and stop connecting as soon
 * as its removal is applied, without a new SSLContext.
 */
class MutualTlsHandshakeTest {
    private static final int TIMEOUT_MS = 10_000;
    private static final TestPki.Issued A = TestPki.ca("cluster-ca-a");
    private static final TestPki.Issued B = TestPki.ca("cluster-ca-b");
    private static final TestPki.Issued ROGUE = TestPki.ca("rogue-ca");

    private final ExecutorService server = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdownNow();
        assertThat(server.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    /** What each side of one connection came to: null for a completed exchange, else the exception. */
    private record Exchange(Exception server, Exception client) {
        boolean succeeded() {
            return server == null && client == null;
        }
    }

    private static SSLContext context(TestPki.Issued node, TrustSource trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {TlsTrust.keyManager(node.keys().getPrivate(), List.of(node.cert()))},
                new TrustManager[] {trust.trustManager()}, null);
        return context;
    }

    /** One connection: the client sends a byte, the server answers it plus one. */
    private Exchange connect(SSLContext serverContext, SSLContext clientContext) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(TIMEOUT_MS);
            Future<Exception> served = server.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(TIMEOUT_MS);
                    socket.startHandshake();
                    int b = socket.getInputStream().read();
                    socket.getOutputStream().write(b + 1);
                    socket.getOutputStream().flush();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Exception client = null;
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MS);
                socket.startHandshake();
                socket.getOutputStream().write(41);
                socket.getOutputStream().flush();
                int answer = socket.getInputStream().read();
                if (answer != 42) {
                    client = new IOException("the server answered " + answer + ", not 42");
                }
            } catch (IOException e) {
                client = e;
            }
            return new Exchange(served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), client);
        }
    }

    @Test
    void peersWhoseCaIsTrustedConnectAndStopConnectingOnceItsRemovalIsApplied() throws Exception {
        TrustFixture node1 = TrustFixture.trusting(dir.resolve("n1"), A);
        TrustFixture node2 = TrustFixture.trusting(dir.resolve("n2"), A);
        SSLContext server = context(TestPki.leaf(A, "node-1"), node1.source);
        SSLContext client = context(TestPki.leaf(A, "node-2"), node2.source);

        assertThat(connect(server, client).succeeded()).isTrue();

        node1.apply(TlsTrust.cutover(B.cert(), A.fingerprint()));
        node2.apply(TlsTrust.cutover(B.cert(), A.fingerprint()));
        Exchange after = connect(server, client);

        assertThat(after.client()).as("the client no longer trusts the server's CA")
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(after.server()).isInstanceOf(IOException.class);
    }

    @Test
    void peersReissuedUnderAStagedCaConnectDuringTheRotation() throws Exception {
        TrustFixture node1 = TrustFixture.trusting(dir.resolve("n1"), A);
        TrustFixture node2 = TrustFixture.trusting(dir.resolve("n2"), A);
        node1.add(B);
        node2.add(B);

        Exchange mixed = connect(context(TestPki.leaf(A, "node-1"), node1.source),
                context(TestPki.leaf(B, "node-2"), node2.source));

        assertThat(mixed.succeeded()).as("old and new CA are both trusted while staged: %s", mixed).isTrue();
    }

    @Test
    void aPeerWhoseCertificateNoTrustedCaSignedCannotConnect() throws Exception {
        TrustFixture node1 = TrustFixture.trusting(dir.resolve("n1"), A);
        TrustFixture intruder = TrustFixture.trusting(dir.resolve("n2"), A);

        Exchange refused = connect(context(TestPki.leaf(A, "node-1"), node1.source),
                context(TestPki.leaf(ROGUE, "intruder"), intruder.source));

        assertThat(refused.server()).as("the server refuses the client's certificate")
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(refused.client()).as("the client's exchange fails too").isInstanceOf(IOException.class);
    }
}
