package io.metagroup.plugin.jointoken;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), on {@link Mac} since JDK 17 has no KDF API: {@link #extract} a pseudorandom
 * key from input keying material and a salt, then {@link #expand} it with context info to the length needed.
 */
public final class Hkdf {
    /** Length of HMAC-SHA256's output, and of a pseudorandom key. */
    public static final int HASH_LENGTH = 32;
    /** Longest output of {@link #expand}: 255 blocks. */
    public static final int MAX_LENGTH = 255 * HASH_LENGTH;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {}

    /**
     * HKDF-Extract: HMAC-SHA256 keyed with {@code salt} over {@code ikm}. An empty salt stands for
     * {@value #HASH_LENGTH} zero bytes, as the RFC says.
     */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ikm, "ikm");
        return mac(salt.length == 0 ? new byte[HASH_LENGTH] : salt).doFinal(ikm);
    }

    /**
     * HKDF-Expand: {@code length} bytes of T(1) | T(2) | …, where T(i) = HMAC(prk, T(i-1) | info | i).
     *
     * @throws IllegalArgumentException when {@code length} is not 1..{@value #MAX_LENGTH} or {@code prk} is shorter
     *                                  than {@value #HASH_LENGTH} bytes
     */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 output length must be 1.." + MAX_LENGTH + ", got " + length);
        }
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException("an HKDF-SHA256 pseudorandom key is at least " + HASH_LENGTH
                    + " bytes, got " + prk.length);
        }
        Mac mac = mac(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, at = 0; at < length; i++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) i);
            block = mac.doFinal();
            int n = Math.min(block.length, length - at);
            System.arraycopy(block, 0, okm, at, n);
            at += n;
        }
        Arrays.fill(block, (byte) 0);
        return okm;
    }

    /** Extract, then expand: {@code length} bytes of key derived from {@code ikm}. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /** An HMAC-SHA256 keyed with {@code key} (non-empty). */
    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("an HMAC-SHA256 key must not be empty", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
