package io.metagroup.bootstrap.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.metagroup.bootstrap.JoinException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap endpoint: the JDK's HTTPS server, server authentication only (a joiner has no certificate yet),
 * answering {@code POST} {@value JoinWire#PATH} through a {@link JoinHandler}.
 */
public final class BootstrapEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapEndpoint.class);
    private static final int THREADS = 4;

    private final HttpsServer server;
    private final ExecutorService executor;

    private BootstrapEndpoint(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code handler} on {@code address} with {@code tls}.
     *
     * @throws java.net.BindException when the address is taken
     */
    public static BootstrapEndpoint start(InetSocketAddress address, SSLContext tls, JoinHandler handler)
            throws IOException {
        HttpsServer server = HttpsServer.create(address, 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "metagroup-bootstrap-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(JoinWire.PATH, exchange -> serve(exchange, handler));
        server.start();
        return new BootstrapEndpoint(server, executor);
    }

    /** The address the endpoint listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void serve(HttpExchange exchange, JoinHandler handler) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, JoinWire.refusal(new JoinException(JoinException.Reason.BAD_REQUEST,
                        "the join endpoint takes POST " + JoinWire.PATH)));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(JoinWire.MAX_REQUEST + 1);
            }
            try {
                if (body.length > JoinWire.MAX_REQUEST) {
                    throw new JoinException(JoinException.Reason.BAD_REQUEST, "a join request is at most "
                            + JoinWire.MAX_REQUEST + " bytes");
                }
                JoinWire.Request request;
                try {
                    request = JoinWire.Request.decode(body);
                } catch (IOException e) {
                    throw new JoinException(JoinException.Reason.BAD_REQUEST, e.getMessage());
                }
                answer(exchange, 200, handler.handle(request).encode());
            } catch (JoinException e) {
                LOG.info("join from {} refused: {} {}", exchange.getRemoteAddress(), e.reason(), e.getMessage());
                answer(exchange, status(e.reason()), JoinWire.refusal(e));
            } catch (RuntimeException e) {
                LOG.warn("join from {} failed: {}", exchange.getRemoteAddress(), e.toString());
                answer(exchange, 500, JoinWire.refusal(new JoinException(JoinException.Reason.UNAVAILABLE,
                        "the bootstrap endpoint failed: " + e.getClass().getSimpleName())));
            }
        }
    }

    private static int status(JoinException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_TOKEN, EXPIRED, ABORTED, CONSUMED -> 403;
            case IN_USE, NODE_CONFLICT -> 409;
            case BAD_REQUEST -> 400;
            default -> 503;
        };
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving at once; a join in flight here is left to the dead-man timer. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
