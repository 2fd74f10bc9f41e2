package io.metagroup.plugin.tls;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry.CaTrustChange;
import io.metagroup.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * What the node and the CLI need around the {@code tls-trust} plugin: its id, the check a CA certificate must pass
 * before a {@link CaTrustChange} enters the log, fingerprints, the entries of a CA rotation, and a key manager for
 * the node's own key and certificate.
 *
 * <p>A node gets the plugin's applier as a {@link TrustSource}, for example
 * {@code core.applier(TlsTrust.PLUGIN_ID, TrustSource.class)}.
 */
public final class TlsTrust {
    /** The plugin id, also its snapshot section name. */
    public static final String PLUGIN_ID = "tls-trust";
    /**
     * The plugin setting ({@code plugin.tls-trust.trust-dir}) naming the trust directory; without it the directory
     * is {@code ca.d} under the plugin's data dir.
     */
    public static final String TRUST_DIR_SETTING = "trust-dir";

    /** Bit of the X.509 keyUsage extension that allows signing certificates. */
    private static final int KEY_CERT_SIGN = 5;
    /** Password of the in-memory key store behind {@link #keyManager}; it never reaches a file. */
    private static final char[] IN_MEMORY_PASSWORD = "metagroup".toCharArray();

    private TlsTrust() {}

    /**
     * Parses {@code der} as a CA certificate: exactly the canonical DER encoding of one X.509 certificate (not PEM
     * text, no trailing bytes) whose basicConstraints mark it a CA and whose keyUsage, when present, allows signing
     * certificates. Validity dates are not judged here (no clock): the TLS handshake judges them.
     *
     * @throws CertificateException naming what is wrong
     */
    public static X509Certificate parseCa(byte[] der) throws CertificateException {
        Objects.requireNonNull(der, "der");
        X509Certificate cert;
        try {
            Certificate parsed = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!(parsed instanceof X509Certificate)) {
                throw new CertificateException("the bytes are not an X.509 certificate");
            }
            cert = (X509Certificate) parsed;
        } catch (CertificateException | RuntimeException e) {
            throw new CertificateException("the bytes are not a DER X.509 certificate: " + e.getMessage(), e);
        }
        byte[] encoded = cert.getEncoded();
        if (!MessageDigest.isEqual(encoded, der)) {
            throw new CertificateException("the " + der.length + " bytes are not exactly the DER encoding of one "
                    + "certificate (that encoding is " + encoded.length + " bytes): PEM text, trailing bytes or a "
                    + "non-canonical encoding");
        }
        String subject = cert.getSubjectX500Principal().getName();
        if (cert.getBasicConstraints() < 0) {
            throw new CertificateException("certificate '" + subject + "' is not a CA certificate: its "
                    + "basicConstraints do not say CA");
        }
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            throw new CertificateException("CA certificate '" + subject + "' may not sign certificates: its "
                    + "keyUsage lacks keyCertSign");
        }
        return cert;
    }

    /** Why {@code der} is not a usable CA certificate (see {@link #parseCa}), or empty when it is. */
    public static Optional<String> caProblem(Bytes der) {
        try {
            parseCa(der.toByteArray());
            return Optional.empty();
        } catch (CertificateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The fingerprint of a certificate: SHA-256 of its DER encoding. */
    public static Sha256 fingerprint(byte[] der) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The fingerprint of {@code cert}: SHA-256 of its DER encoding. */
    public static Sha256 fingerprint(X509Certificate cert) {
        return fingerprint(der(cert));
    }

    /**
     * Parses a fingerprint as an operator writes it: 64 hex digits, optionally prefixed {@code sha256:} and
     * optionally in colon-separated pairs (as {@code openssl x509 -fingerprint -sha256} prints it), either case.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Sha256 parseFingerprint(String text) {
        Objects.requireNonNull(text, "fingerprint");
        String hex = text.strip();
        if (hex.regionMatches(true, 0, "sha256:", 0, 7)) {
            hex = hex.substring(7);
        } else if (hex.regionMatches(true, 0, "sha256 fingerprint=", 0, 19)) {
            hex = hex.substring(19);
        }
        hex = hex.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 2 * Sha256.LENGTH || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a CA fingerprint is the SHA-256 of its DER certificate: 64 hex "
                    + "digits, optionally 'sha256:'-prefixed or in colon-separated pairs; got '" + text + "'");
        }
        return Sha256.fromHex(hex);
    }

    /** The entry of {@code rotate-ca --stage}: adds {@code newCa} to the trust set, keeping every other CA. */
    public static CaTrustChange stage(X509Certificate newCa) {
        return new CaTrustChange(Optional.of(Bytes.of(der(newCa))), Optional.empty());
    }

    /** The entry of {@code rotate-ca --finalize --remove}: removes the CA with {@code fingerprint}. */
    public static CaTrustChange remove(Sha256 fingerprint) {
        return new CaTrustChange(Optional.empty(), Optional.of(fingerprint));
    }

    /** One entry that adds {@code newCa} and removes the CA with {@code oldFingerprint} at once. */
    public static CaTrustChange cutover(X509Certificate newCa, Sha256 oldFingerprint) {
        return new CaTrustChange(Optional.of(Bytes.of(der(newCa))), Optional.of(oldFingerprint));
    }

    /**
     * A key manager presenting {@code chain} (the node's certificate first) with {@code key}, for a TLS server and
     * client alike (Ratis {@code GrpcTlsConfig(KeyManager, TrustManager, true)}, an {@code SSLContext}).
     *
     * @throws GeneralSecurityException when the key does not fit the certificate's algorithm or the JDK refuses it
     */
    public static X509KeyManager keyManager(PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key manager needs at least the node's own certificate");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("an empty in-memory key store could not be made", e);
        }
        store.setKeyEntry("node", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager) {
                return (X509KeyManager) manager;
            }
        }
        throw new GeneralSecurityException("the JDK's key manager factory made no X509KeyManager");
    }

    /**
     * A key manager for the PEM private key {@code keyFile} and the PEM certificate chain {@code certFile} (the
     * node's or client's own certificate first), after checking that the key is the certificate's: a signature
     * made with the key must verify with the certificate's public key.
     *
     * @throws IOException naming the file when one cannot be read, holds no key or certificate, or the key does not
     *                     belong to the certificate
     */
    public static X509KeyManager keyManager(java.nio.file.Path keyFile, java.nio.file.Path certFile)
            throws IOException {
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        if (!matches(key, chain.get(0))) {
            throw new IOException("the private key in " + keyFile + " does not belong to the certificate '"
                    + chain.get(0).getSubjectX500Principal().getName() + "' in " + certFile);
        }
        try {
            return keyManager(key, chain);
        } catch (GeneralSecurityException e) {
            throw new IOException("the key in " + keyFile + " and the certificate in " + certFile
                    + " cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    /** True when {@code key} signs what {@code cert}'s public key verifies (unknown algorithms are not judged). */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        byte[] challenge = "metagroup key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // the certificate's key is of another algorithm or size
        }
    }

    /**
     * The CA certificates of a trust directory's {@code *.crt} files, as the plugin reads them at start: what a node
     * trusts until its applier is built (the applier then starts from the same files).
     *
     * @throws IOException naming the file when one cannot be read or holds a certificate that is not a CA
     */
    public static TrustSet readTrustDir(java.nio.file.Path dir) throws IOException {
        return io.metagroup.plugin.tls.internal.InternalAccess.readTrustDir(dir);
    }

    /**
     * The CA certificates a client trusts the members by: those of the PEM file {@code fileOrDir}, or of the
     * {@code *.crt} files of the directory {@code fileOrDir} (a node's trust directory).
     *
     * @throws IOException naming the file when one cannot be read or holds a certificate that is not a CA
     */
    public static TrustSet readTrustedCas(java.nio.file.Path fileOrDir) throws IOException {
        return java.nio.file.Files.isDirectory(fileOrDir) ? readTrustDir(fileOrDir)
                : io.metagroup.plugin.tls.internal.InternalAccess.readCaFile(fileOrDir);
    }

    /**
     * The replicated trust set in the plugin's snapshot section {@code section}, as a remote client reads it
     * ({@code MetadataClient.readPluginState(TlsTrust.PLUGIN_ID)}).
     *
     * @throws IOException when the section is malformed (the message says how)
     */
    public static TrustSet readReplicated(byte[] section) throws IOException {
        return io.metagroup.plugin.tls.internal.InternalAccess.readSection(section);
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate '" + cert.getSubjectX500Principal() + "' cannot be encoded", e);
        }
    }
}
