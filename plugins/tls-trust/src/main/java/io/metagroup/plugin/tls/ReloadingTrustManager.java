package io.metagroup.plugin.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A JSSE trust manager that follows a {@link TrustSet}: every check goes to a PKIX trust manager built from the
 * set current at that moment, and {@link #update} swaps in a new one atomically. Hand the same object to a TLS
 * stack once (Ratis {@code GrpcTlsConfig(KeyManager, TrustManager, true)}, Netty, an {@code SSLContext}); later
 * trust changes reach new handshakes without rebuilding it. Connections already up keep the peer they verified;
 * the server recycles them within its maximum connection age.
 *
 * <p>Both directions of mutual TLS use the same set: a client certificate and a server certificate are trusted
 * when a CA of the set issued them (PKIX path validation, no revocation check). Endpoint identification follows
 * the socket's or engine's SSL parameters. An empty set trusts nothing.
 *
 * <p>It also remembers the server certificates it accepted lately ({@link #recentServerCertificates()}): on a node
 * those are its peers', since a node dials every member it replicates to or proposes through. The leader's advisory
 * check before removing a CA ({@link TrustSet#wouldOrphan}) reads them.
 */
public final class ReloadingTrustManager extends X509ExtendedTrustManager {

    /** The set and the trust manager built from it (null for an empty set), swapped together. */
    private record Current(TrustSet set, X509ExtendedTrustManager delegate) {}

    /**
     * How long an accepted server certificate is remembered without being seen again. Peers' connections are
     * recycled within the servers' maximum connection age (minutes), so a live member's certificate is seen again
     * well within it.
     */
    public static final Duration REMEMBERED = Duration.ofMinutes(15);

    /** A server certificate accepted at {@code nanos} (System.nanoTime). */
    private record Seen(X509Certificate certificate, long nanos) {}

    private volatile Current current;
    /** Set by {@link #follow}: the trust manager every check goes to from then on. */
    private volatile ReloadingTrustManager followed;
    /** By the leaf's subject: a member restarted with a new certificate of the same name replaces its old one. */
    private final Map<String, Seen> servers = new ConcurrentHashMap<>();
    /** The chain this node presents, counted among the members' certificates for as long as it runs. */
    private volatile X509Certificate[] own;

    /** A trust manager trusting the CAs of {@code initial}. */
    public ReloadingTrustManager(TrustSet initial) {
        this.current = build(initial);
    }

    /**
     * Trusts the CAs of {@code next} from now on, for every check that starts after this returns. The
     * {@code tls-trust} applier calls it when a trust change commits; hosts need not.
     */
    public void update(TrustSet next) {
        current = build(next);
    }

    /** The set trusted now. */
    public TrustSet trustSet() {
        return target().current.set();
    }

    /**
     * Hands every later check (and what {@link #trustSet()} and {@link #recentServerCertificates()} answer) to
     * {@code leader}: for a node that gave its TLS stack this trust manager, seeded from its trust directory, before
     * the {@code tls-trust} applier and its live trust manager existed.
     */
    public void follow(ReloadingTrustManager leader) {
        Objects.requireNonNull(leader, "leader");
        if (leader == this || leader.target() == this) {
            throw new IllegalArgumentException("a trust manager cannot follow itself");
        }
        followed = leader;
    }

    private ReloadingTrustManager target() {
        ReloadingTrustManager f = followed;
        return f == null ? this : f.target();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        target().delegate(chain).checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ReloadingTrustManager t = target();
        t.delegate(chain).checkServerTrusted(chain, authType);
        t.remember(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        target().delegate(chain).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        ReloadingTrustManager t = target();
        t.delegate(chain).checkServerTrusted(chain, authType, socket);
        t.remember(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        target().delegate(chain).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        ReloadingTrustManager t = target();
        t.delegate(chain).checkServerTrusted(chain, authType, engine);
        t.remember(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return target().current.set().certificates().toArray(new X509Certificate[0]);
    }

    /**
     * The server certificates this trust manager accepted within {@link #REMEMBERED}, the latest per subject, by
     * subject; for each chain the certificate nearest the root that a CA issued (the leaf when the chain is the leaf
     * alone), as {@link TrustSet#wouldOrphan} wants them.
     */
    public List<X509Certificate> recentServerCertificates() {
        ReloadingTrustManager f = followed;
        if (f != null) {
            return f.recentServerCertificates();
        }
        long now = System.nanoTime();
        TreeMap<String, X509Certificate> bySubject = new TreeMap<>();
        X509Certificate[] mine = own;
        if (mine != null) {
            bySubject.put(mine[0].getSubjectX500Principal().getName(), issued(mine));
        }
        servers.forEach((subject, seen) -> {
            if (now - seen.nanos() <= REMEMBERED.toNanos()) {
                bySubject.put(subject, seen.certificate());
            } else {
                servers.remove(subject, seen);
            }
        });
        return new ArrayList<>(bySubject.values());
    }

    /**
     * Counts {@code chain} (this node's own, its certificate first) among the members' certificates from now on:
     * a node does not always dial itself.
     */
    public void presenting(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a node presents at least its own certificate");
        }
        ReloadingTrustManager t = target();
        t.own = chain.toArray(new X509Certificate[0]);
    }

    private void remember(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return;
        }
        servers.put(chain[0].getSubjectX500Principal().getName(), new Seen(issued(chain), System.nanoTime()));
    }

    /** The certificate of {@code chain} nearest the root that a CA issued. */
    private static X509Certificate issued(X509Certificate[] chain) {
        X509Certificate issued = chain[0];
        for (X509Certificate c : chain) {
            if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                issued = c; // self-signed roots sent along are anchors, not issued certificates
            }
        }
        return issued;
    }

    /** The trust manager of the current set; for an empty set, the refusal of {@code chain}. */
    private X509ExtendedTrustManager delegate(X509Certificate[] chain) throws CertificateException {
        Current now = current;
        if (now.delegate() == null) {
            String peer = chain == null || chain.length == 0 ? "the peer"
                    : "'" + chain[0].getSubjectX500Principal().getName() + "'";
            throw new CertificateException("no CA is trusted (the trust set is empty), so " + peer + " is not");
        }
        return now.delegate();
    }

    private static Current build(TrustSet set) {
        Objects.requireNonNull(set, "set");
        return new Current(set, set.isEmpty() ? null : pkix(set));
    }

    private static X509ExtendedTrustManager pkix(TrustSet set) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (TrustedCa ca : set.cas()) {
                anchors.setCertificateEntry(ca.fingerprint().toHex(), ca.certificate());
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) manager;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK refused to build a PKIX trust manager from " + set, e);
        }
    }
}
