package io.metagroup.plugin.jointoken;

import io.metagroup.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A join token, kubeadm-style: a public token id of {@value #ID_LENGTH} lower-case letters or digits, a dot, and a
 * secret of {@value #SECRET_BYTES} random bytes as {@value #SECRET_HEX} lower-case hex digits, for example
 * {@code k3x9q2.0f1e2d3c4b5a69788796a5b4c3d2e1f0}.
 *
 * <p>The replicated state holds only {@link #hash()}: the SHA-256 of the whole token text, as the seed design
 * hashes the token string. The secret's 128 random bits make a salt needless. {@link #toString()} never shows the
 * secret, and neither do the errors of {@link #parse}.
 */
public final class JoinToken {
    /** Characters of the token id. */
    public static final int ID_LENGTH = 6;
    /** Random bytes of the secret. */
    public static final int SECRET_BYTES = 16;
    /** Hex digits of the secret. */
    public static final int SECRET_HEX = 2 * SECRET_BYTES;

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final HexFormat HEX = HexFormat.of();
    private static final String FORM = "a join token is " + ID_LENGTH + " lower-case letters or digits, '.', and "
            + SECRET_HEX + " lower-case hex digits";

    private final String id;
    private final byte[] secret;

    private JoinToken(String id, byte[] secret) {
        this.id = id;
        this.secret = secret;
    }

    /** A new token from {@code random}: a random id and a random secret. */
    public static JoinToken generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new JoinToken(id.toString(), secret);
    }

    /**
     * Parses a token's text (surrounding white space ignored).
     *
     * @throws IllegalArgumentException naming which part is malformed; the message never repeats the text
     */
    public static JoinToken parse(String text) {
        Objects.requireNonNull(text, "join token");
        String token = text.strip();
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(FORM + "; the text has no '.'");
        }
        String id = token.substring(0, dot);
        String secret = token.substring(dot + 1);
        if (id.length() != ID_LENGTH || !id.chars().allMatch(c -> ID_ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException(FORM + "; the token id before '.' is not");
        }
        if (secret.length() != SECRET_HEX || !secret.chars().allMatch(c -> HexFormat.isHexDigit(c)
                && !Character.isUpperCase(c))) {
            throw new IllegalArgumentException(FORM + "; the secret after '.' is not");
        }
        return new JoinToken(id, HEX.parseHex(secret));
    }

    /** The public token id. */
    public String id() {
        return id;
    }

    /** A copy of the secret's {@value #SECRET_BYTES} bytes, the input of {@link JoinKeys#deriveBundleKey}. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The whole token text, {@code id.secret}: show it once, to the operator who created it. */
    public String text() {
        return id + "." + HEX.formatHex(secret);
    }

    /** SHA-256 of the UTF-8 token text: what the log and the replicated state hold. */
    public Sha256 hash() {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** True when {@code tokenHash} is this token's hash, compared in constant time. */
    public boolean matches(Sha256 tokenHash) {
        return JoinKeys.sameHash(hash(), tokenHash);
    }

    /** Equal tokens have the same text; compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JoinToken t && id.equals(t.id) && MessageDigest.isEqual(secret, t.secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The token id with the secret hidden. */
    @Override
    public String toString() {
        return id + ".<secret hidden>";
    }
}
