package io.metagroup.plugin.tls.internal;

import io.metagroup.plugin.tls.PemFiles;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSet;
import io.metagroup.plugin.tls.TrustedCa;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The trust directory ({@code ca.d/}): one PEM file {@code <fingerprint-hex>.crt} per CA of the live trust set.
 * Files are replaced whole (temp file, fsync, atomic rename, directory fsync), so a crash leaves each file old or
 * new, never torn; a leftover temp file is deleted at start.
 */
final class TrustDirectory {
    private static final String SUFFIX = ".crt";
    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;

    /** The directory {@code dir}, created when missing. */
    TrustDirectory(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    Path path() {
        return dir;
    }

    /**
     * The CA certificates of the directory's {@code *.crt} files (each may hold several), after deleting the temp
     * files a crash left.
     *
     * @throws IOException naming the file when one cannot be read or holds a certificate that is not a CA
     */
    List<TrustedCa> load() throws IOException {
        List<TrustedCa> cas = new ArrayList<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                Files.delete(file);
            } else if (name.endsWith(SUFFIX) && Files.isRegularFile(file)) {
                cas.addAll(cas(file));
            }
        }
        return cas;
    }

    /**
     * The CA certificates of one PEM file.
     *
     * @throws IOException naming the file when it cannot be read or holds a certificate that is not a CA
     */
    static List<TrustedCa> cas(Path file) throws IOException {
        List<TrustedCa> cas = new ArrayList<>();
        List<X509Certificate> certs = PemFiles.readCertificates(file);
        for (int i = 0; i < certs.size(); i++) {
            try {
                cas.add(TrustedCa.of(TlsTrust.parseCa(certs.get(i).getEncoded())));
            } catch (CertificateException e) {
                throw new IOException("certificate " + (i + 1) + " of " + file + " cannot be trusted: "
                        + e.getMessage(), e);
            }
        }
        return cas;
    }

    /**
     * Makes the directory hold exactly the CAs of {@code set}: writes each {@code <fingerprint-hex>.crt} that is
     * missing or differs, deletes every other {@code *.crt}, then fsyncs the directory.
     */
    void mirror(TrustSet set) throws IOException {
        Set<String> keep = new TreeSet<>();
        for (TrustedCa ca : set.cas()) {
            String name = ca.fingerprint().toHex() + SUFFIX;
            keep.add(name);
            byte[] pem = PemFiles.toPem(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
            Path target = dir.resolve(name);
            if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), pem)) {
                replace(target, pem);
            }
        }
        for (Path file : files()) {
            String name = file.getFileName().toString();
            if (name.endsWith(SUFFIX) && !keep.contains(name)) {
                Files.delete(file);
            }
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private void replace(Path target, byte[] content) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The directory's entries, sorted by name. */
    private List<Path> files() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
