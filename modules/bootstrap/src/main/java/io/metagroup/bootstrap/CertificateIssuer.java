package io.metagroup.bootstrap;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The cluster CA as a node holding its signing key uses it: issues a node's TLS certificate (server and client
 * authentication, the node's Raft host as subject alternative name) for a public key, or from a PKCS#10 CSR whose
 * signature proves the requester holds the key. Also makes a joiner's CSR.
 */
public final class CertificateIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.List<String> KEY_ALGORITHMS = java.util.List.of("EC", "RSA", "Ed25519");
    /** Backdating of notBefore, for peers whose clocks run a little behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final PrivateKey caKey;
    private final X509Certificate caCert;
    private final Duration validity;

    /**
     * An issuer signing with {@code caKey} as {@code caCert}, for certificates valid {@code validity}.
     *
     * @throws IllegalArgumentException when the validity is not positive
     */
    public CertificateIssuer(PrivateKey caKey, X509Certificate caCert, Duration validity) {
        this.caKey = Objects.requireNonNull(caKey, "caKey");
        this.caCert = Objects.requireNonNull(caCert, "caCert");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive, got " + validity);
        }
        this.validity = validity;
    }

    /** The CA certificate this issuer signs as. */
    public X509Certificate caCertificate() {
        return caCert;
    }

    /**
     * Issues the certificate of node {@code nodeId} reached at {@code address} ({@code host:port}; the host, an IP
     * literal or a DNS name, becomes the subject alternative name) for {@code publicKey}.
     *
     * @throws GeneralSecurityException when the CA key cannot sign
     */
    public X509Certificate issue(PublicKey publicKey, long nodeId, String address) throws GeneralSecurityException {
        Objects.requireNonNull(publicKey, "publicKey");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)),
                new X500Principal("CN=metagroup node " + Long.toUnsignedString(nodeId)), publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            add(b, Extension.basicConstraints, true, new BasicConstraints(false));
            add(b, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            add(b, Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            add(b, Extension.subjectAlternativeName, false, new GeneralNames(hostName(address)));
            add(b, Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            add(b, Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(caKey)));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue the certificate of node " + Long.toUnsignedString(nodeId)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Issues the certificate of node {@code nodeId} at {@code address} for the key of {@code csrDer}, a DER PKCS#10
     * request whose signature must verify under the key it carries (its subject is not used).
     *
     * @throws IllegalArgumentException when the CSR does not parse or its signature does not verify
     * @throws GeneralSecurityException when the CA key cannot sign
     */
    public X509Certificate issueFromCsr(byte[] csrDer, long nodeId, String address) throws GeneralSecurityException {
        PublicKey key;
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(csrDer);
            key = publicKey(csr.getSubjectPublicKeyInfo().getEncoded());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new IllegalArgumentException("the CSR's signature does not verify under the key it carries");
            }
        } catch (IOException | RuntimeException | OperatorCreationException | PKCSException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("the CSR is not a DER PKCS#10 request: " + e.getMessage(), e);
        }
        return issue(key, nodeId, address);
    }

    /**
     * A new self-signed CA certificate named {@code CN=commonName} over {@code keys}, valid {@code validity} from
     * now (backdated a few minutes): for a new cluster, and for tests.
     *
     * @throws GeneralSecurityException when the key cannot sign
     */
    public static X509Certificate selfSignedCa(KeyPair keys, String commonName, Duration validity)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Principal name = new X500Principal("CN=" + commonName);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keys.getPublic());
        try {
            add(b, Extension.basicConstraints, true, new BasicConstraints(true));
            add(b, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            add(b, Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(keys.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make CA certificate CN=" + commonName + ": " + e.getMessage(), e);
        }
    }

    /**
     * A DER PKCS#10 request for {@code keys}, subject {@code CN=metagroup node <id>}, signed with the private key.
     *
     * @throws GeneralSecurityException when the key cannot sign
     */
    public static byte[] csr(KeyPair keys, long nodeId) throws GeneralSecurityException {
        PKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=metagroup node " + Long.toUnsignedString(nodeId)), keys.getPublic());
        try {
            return b.build(signer(keys.getPrivate())).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make a CSR: " + e.getMessage(), e);
        }
    }

    /** The JDK's key for a DER SubjectPublicKeyInfo of one of the supported algorithms. */
    private static PublicKey publicKey(byte[] spki) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("the CSR's key is not an " + String.join(", ", KEY_ALGORITHMS) + " key");
    }

    /** The subject alternative name for the host of {@code host:port}: an IP literal or a DNS name, by syntax. */
    static GeneralName hostName(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an address is HOST:PORT, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            return new GeneralName(GeneralName.iPAddress, host.substring(1, host.length() - 1));
        }
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return new GeneralName(GeneralName.iPAddress, host);
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new OperatorCreationException("keys of algorithm " + key.getAlgorithm()
                    + " are not supported for signing (EC, RSA or Ed25519)");
        };
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    private static void add(X509v3CertificateBuilder b, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value)
            throws IOException {
        b.addExtension(oid, critical, value);
    }
}
