package io.metagroup.plugin.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
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
 */
public final class ReloadingTrustManager extends X509ExtendedTrustManager {

    /** The set and the trust manager built from it (null for an empty set), swapped together. */
    private record Current(TrustSet set, X509ExtendedTrustManager delegate) {}

    private volatile Current current;

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
        return current.set();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate(chain).checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate(chain).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate(chain).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current.set().certificates().toArray(new X509Certificate[0]);
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
