package io.metagroup.plugin.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone: certificates ({@code BEGIN CERTIFICATE}) and unencrypted PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}) of RSA, EC, EdDSA, RSASSA-PSS or DSA; and writes a certificate as PEM. Text around
 * the blocks is ignored. Errors name the file and what is wrong, never the key material.
 */
public final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** Key algorithms tried in turn on a PKCS#8 key; the JDK's KeyFactory refuses a key of another algorithm. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");
    private static final int LINE = 64;

    private PemFiles() {}

    /**
     * The certificates of a PEM file, in file order (a chain: the node's own first).
     *
     * @throws IOException when the file cannot be read, holds no certificate, or one does not parse
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<byte[]> blocks = blocks(file, read(file), "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IOException("certificate " + (certs.size() + 1) + " of " + file + " does not parse: "
                    + e.getMessage(), e);
        }
        return List.copyOf(certs);
    }

    /**
     * The one certificate of a PEM file (for {@code rotate-ca --stage NEW_CA.pem}).
     *
     * @throws IOException when the file holds none, more than one, or one that does not parse
     */
    public static X509Certificate readCertificate(Path file) throws IOException {
        List<X509Certificate> certs = readCertificates(file);
        if (certs.size() != 1) {
            throw new IOException(file + " holds " + certs.size() + " certificates; exactly one was expected");
        }
        return certs.get(0);
    }

    /**
     * The unencrypted PKCS#8 private key of a PEM file.
     *
     * @throws IOException when the file cannot be read, holds no PKCS#8 key (a PKCS#1 or SEC1 key is named, with the
     *                     command that converts it), holds several, or the key is of no supported algorithm
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String text = read(file);
        List<byte[]> keys = blocks(file, text, "PRIVATE KEY");
        if (keys.isEmpty()) {
            String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out KEY.pem";
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw new IOException(file + " holds an encrypted private key; Metagroup reads unencrypted PKCS#8"
                        + " (-----BEGIN PRIVATE KEY-----)" + convert);
            }
            Matcher legacy = Pattern.compile("-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----").matcher(text);
            if (legacy.find()) {
                throw new IOException(file + " holds a " + legacy.group(1) + " private key in its legacy format; "
                        + "Metagroup reads PKCS#8 (-----BEGIN PRIVATE KEY-----)" + convert);
            }
            throw new IOException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        if (keys.size() > 1) {
            throw new IOException(file + " holds " + keys.size() + " private keys; exactly one was expected");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException("the PKCS#8 private key in " + file + " is not a key of " + String.join(", ", KEY_ALGORITHMS)
                + " (or it is damaged)");
    }

    /** {@code cert} as PEM text: one {@code CERTIFICATE} block, lines of 64 characters, ending in a newline. */
    public static String toPem(X509Certificate cert) {
        String base64;
        try {
            base64 = Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate '" + cert.getSubjectX500Principal() + "' cannot be encoded", e);
        }
        StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        for (int at = 0; at < base64.length(); at += LINE) {
            pem.append(base64, at, Math.min(base64.length(), at + LINE)).append('\n');
        }
        return pem.append("-----END CERTIFICATE-----\n").toString();
    }

    /** The file's text; PEM is ASCII, and ISO-8859-1 reads any other byte without failing. */
    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** The decoded bodies of the file's PEM blocks labelled {@code label}, in file order. */
    private static List<byte[]> blocks(Path file, String text, String label) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (block.group(1).equals(label)) {
                try {
                    bodies.add(Base64.getMimeDecoder().decode(block.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IOException("PEM block " + (bodies.size() + 1) + " (" + label + ") of " + file
                            + " is not valid base64", e);
                }
            }
        }
        return bodies;
    }
}
