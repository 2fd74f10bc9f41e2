package io.metagroup.bootstrap;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.JoinToken;
import io.metagroup.plugin.tls.TlsTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code metagroup token create} prints and {@code metagroup node --join --token-file} reads, kubeadm-style:
 * one line {@code token: ID.SECRET  ca-cert-hash: sha256:HEX}. The two fields may also stand on lines of their own,
 * and lines starting with {@code #} are ignored. The CA hash is the SHA-256 of the cluster CA certificate's DER
 * encoding: the joiner sends nothing to a server whose chain does not reach that CA.
 *
 * @param token  the join token
 * @param caHash the pinned CA fingerprint
 */
public record TokenFile(JoinToken token, Sha256 caHash) {
    private static final String TOKEN = "token:";
    private static final String CA_HASH = "ca-cert-hash:";

    public TokenFile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(caHash, "caHash");
    }

    /** The one line holding the token and the CA hash; shows the secret, so print it once, to its operator. */
    public String line() {
        return TOKEN + " " + token.text() + "  " + CA_HASH + " sha256:" + caHash.toHex();
    }

    /**
     * Parses the text of a token file.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed; never repeating the secret
     */
    public static TokenFile parse(String text) {
        Objects.requireNonNull(text, "text");
        String token = null;
        String hash = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                if (words[i].equals(TOKEN) && i + 1 < words.length) {
                    token = words[++i];
                } else if (words[i].equals(CA_HASH) && i + 1 < words.length) {
                    hash = words[++i];
                } else {
                    throw new IllegalArgumentException("a token file holds '" + TOKEN + " ID.SECRET' and '" + CA_HASH
                            + " sha256:HEX' (as 'metagroup token create' prints them); found an unexpected word at "
                            + "position " + (i + 1) + " of a line");
                }
            }
        }
        if (token == null) {
            throw new IllegalArgumentException("the token file has no '" + TOKEN + " ID.SECRET'");
        }
        if (hash == null) {
            throw new IllegalArgumentException("the token file has no '" + CA_HASH + " sha256:HEX': the joiner must "
                    + "pin the cluster CA");
        }
        return new TokenFile(JoinToken.parse(token), TlsTrust.parseFingerprint(hash));
    }

    /**
     * Reads a token file.
     *
     * @throws IOException naming the file when it cannot be read or does not parse
     */
    public static TokenFile read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read token file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("token file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@link #line()} to a new file readable by its owner only (0600 where the file system has POSIX
     * permissions).
     *
     * @throws IOException when the file exists or cannot be written
     */
    public void write(Path file) throws IOException {
        SecretFiles.writeNew(file, (line() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }
}
