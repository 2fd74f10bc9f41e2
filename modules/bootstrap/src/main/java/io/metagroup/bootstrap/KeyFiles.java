package io.metagroup.bootstrap;

import io.metagroup.plugin.tls.PemFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes the PEM files a node reads with {@link PemFiles}: a private key (unencrypted PKCS#8, readable by its owner
 * only) and certificates. Each file is replaced atomically.
 */
public final class KeyFiles {
    private KeyFiles() {}

    /** Writes {@code key} to {@code file} as {@code BEGIN PRIVATE KEY} PEM, mode 0600 from its creation on POSIX. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        SecretFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes {@code cert} to {@code file} as one {@code BEGIN CERTIFICATE} PEM block. */
    public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, PemFiles.toPem(cert), StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
