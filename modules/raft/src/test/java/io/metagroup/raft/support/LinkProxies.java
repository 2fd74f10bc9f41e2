package io.metagroup.raft.support;

import io.metagroup.raft.Member;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * One TCP proxy on 127.0.0.1 per directed link between nodes: node {@code a} reaches node {@code b} through the
 * proxy of (a, b). {@link #isolate} severs every link to and from a node (open connections are closed and new ones
 * refused) without touching the node itself; {@link #heal} restores them.
 */
public final class LinkProxies implements AutoCloseable {
    private final Map<String, Link> links = new TreeMap<>();
    private final Set<Long> isolated = ConcurrentHashMap.newKeySet();

    /** The view function for {@link TestCluster#start}: builds a proxy per link to the real members. */
    public BiFunction<Long, Member, Member> view(List<Member> members) {
        for (Member from : members) {
            for (Member to : members) {
                if (from.nodeId() != to.nodeId()) {
                    links.put(key(from.nodeId(), to.nodeId()), new Link(from.nodeId(), to));
                }
            }
        }
        return (self, peer) -> Member.loopback(peer.nodeId(), links.get(key(self, peer.nodeId())).port());
    }

    private static String key(long from, long to) {
        return from + "->" + to;
    }

    /** Cuts every link from and to {@code node}. */
    public void isolate(long node) {
        isolated.add(node);
        links.values().stream().filter(l -> l.from == node || l.to.nodeId() == node).forEach(Link::dropAll);
    }

    /** Restores the links of {@code node}. */
    public void heal(long node) {
        isolated.remove(node);
    }

    @Override
    public void close() {
        links.values().forEach(Link::close);
    }

    private final class Link {
        final long from;
        final Member to;
        final ServerSocket server;
        final List<Socket> open = new ArrayList<>();

        Link(long from, Member to) {
            this.from = from;
            this.to = to;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread t = new Thread(this::accept, "proxy-" + key(from, to.nodeId()));
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean cut() {
            return isolated.contains(from) || isolated.contains(to.nodeId());
        }

        void accept() {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    if (cut()) {
                        in.close();
                        continue;
                    }
                    Socket out = new Socket();
                    out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), to.port()), 2000);
                    synchronized (open) {
                        open.add(in);
                        open.add(out);
                    }
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    // a refused or closed connection: the peer's client retries
                }
            }
        }

        void pump(Socket src, Socket dst) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = src.getInputStream(); OutputStream out = dst.getOutputStream()) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        if (cut()) {
                            break;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // link cut or peer gone
                } finally {
                    closeQuietly(src);
                    closeQuietly(dst);
                }
            }, "pump-" + key(from, to.nodeId()));
            t.setDaemon(true);
            t.start();
        }

        void dropAll() {
            synchronized (open) {
                open.forEach(LinkProxies::closeQuietly);
                open.clear();
            }
        }

        void close() {
            closeQuietly(server);
            dropAll();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
