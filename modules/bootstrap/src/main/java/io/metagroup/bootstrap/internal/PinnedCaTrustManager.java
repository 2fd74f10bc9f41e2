package io.metagroup.bootstrap.internal;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.JoinKeys;
import io.metagroup.plugin.tls.TlsTrust;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The joiner's trust before it holds any CA: accepts a server only when its presented chain holds a CA certificate
 * whose SHA-256 is the pinned fingerprint, and the chain verifies to that CA by PKIX (validity dates and, through the
 * engine's endpoint identification, the host name included). Client checks are refused: this side never serves.
 */
public final class PinnedCaTrustManager extends X509ExtendedTrustManager {
    private final Sha256 pin;
    private final AtomicReference<X509Certificate> pinnedCa = new AtomicReference<>();

    /** Trusts servers whose chain reaches the CA with fingerprint {@code pin}. */
    public PinnedCaTrustManager(Sha256 pin) {
        this.pin = pin;
    }

    /** The pinned CA, once a server presented it and passed. */
    public Optional<X509Certificate> pinnedCa() {
        return Optional.ofNullable(pinnedCa.get());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, pkix -> pkix.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, pkix -> pkix.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, pkix -> pkix.checkServerTrusted(chain, authType));
    }

    /** One PKIX check of a chain, by a trust manager anchored at the pinned CA. */
    private interface Check {
        void run(X509ExtendedTrustManager pkix) throws CertificateException;
    }

    private void check(X509Certificate[] chain, Check check) throws CertificateException {
        X509Certificate ca = find(chain);
        check.run(anchoredAt(ca));
        pinnedCa.set(ca);
    }

    /** The pinned CA in {@code chain}, or a refusal naming what the server presented. */
    private X509Certificate find(X509Certificate[] chain) throws CertificateException {
        X509Certificate ca = null;
        List<String> presented = new ArrayList<>();
        for (X509Certificate c : chain) {
            Sha256 fp = TlsTrust.fingerprint(c);
            presented.add(c.getSubjectX500Principal().getName() + " " + fp);
            if (JoinKeys.sameHash(fp, pin)) {
                ca = c;
            }
        }
        if (ca == null) {
            throw new CertificateException("the bootstrap server's certificate chain does not hold the pinned CA "
                    + pin + " (ca-cert-hash of the token file); it presented " + presented
                    + ": nothing was sent to it");
        }
        TlsTrust.parseCa(ca.getEncoded());
        return ca;
    }

    /** A PKIX trust manager whose only anchor is {@code ca}. */
    private static X509ExtendedTrustManager anchoredAt(X509Certificate ca) throws CertificateException {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("pinned-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot build a trust manager for the pinned CA: " + e.getMessage(), e);
        }
        throw new CertificateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a joiner authenticates servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
