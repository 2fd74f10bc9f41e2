package io.metagroup.plugin.jointoken;

import io.metagroup.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The keys and comparisons of the join handshake. The bootstrap bundle a node hands a joiner is authenticated with
 * HMAC-SHA256 under a key both derive from the token's secret:
 * {@code HKDF-SHA256(salt = "metagroup join bundle v1", ikm = secret, info = UTF-8 cluster id, L = 32)}.
 * Every comparison of secrets, hashes and MACs here runs in constant time ({@link MessageDigest#isEqual}).
 */
public final class JoinKeys {
    /** Length of the bundle key and of a bundle MAC. */
    public static final int KEY_LENGTH = 32;
    private static final byte[] BUNDLE_SALT = "metagroup join bundle v1".getBytes(StandardCharsets.UTF_8);

    private JoinKeys() {}

    /**
     * The key that authenticates a bootstrap bundle of cluster {@code clusterId} for the token whose secret is
     * {@code secret} ({@link JoinToken#secret()}).
     */
    public static byte[] deriveBundleKey(byte[] secret, String clusterId) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(clusterId, "clusterId");
        if (secret.length != JoinToken.SECRET_BYTES) {
            throw new IllegalArgumentException("a join token secret is " + JoinToken.SECRET_BYTES + " bytes, got "
                    + secret.length);
        }
        return Hkdf.derive(BUNDLE_SALT, secret, clusterId.getBytes(StandardCharsets.UTF_8), KEY_LENGTH);
    }

    /** HMAC-SHA256 of {@code bundle} under {@code key}. */
    public static byte[] bundleMac(byte[] key, byte[] bundle) {
        Objects.requireNonNull(bundle, "bundle");
        return Hkdf.mac(Objects.requireNonNull(key, "key")).doFinal(bundle);
    }

    /** True when {@code mac} is the MAC of {@code bundle} under {@code key}; compared in constant time. */
    public static boolean verifyBundle(byte[] key, byte[] bundle, byte[] mac) {
        Objects.requireNonNull(mac, "mac");
        return MessageDigest.isEqual(bundleMac(key, bundle), mac);
    }

    /** True when the two hashes are equal; compared in constant time. */
    public static boolean sameHash(Sha256 a, Sha256 b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return MessageDigest.isEqual(a.bytes().toByteArray(), b.bytes().toByteArray());
    }
}
