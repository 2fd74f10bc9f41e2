package io.metagroup.model;

/**
 * A SHA-256 value: exactly 32 bytes. Used for CA fingerprints and join-token hashes.
 *
 * @param bytes the 32 bytes of the hash
 */
public record Sha256(Bytes bytes) implements Comparable<Sha256> {
    /** Length of a SHA-256 value in bytes. */
    public static final int LENGTH = 32;

    public Sha256 {
        Check.notNull(bytes, "sha256");
        if (bytes.length() != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value must be 32 bytes, got " + bytes.length());
        }
    }

    /** A hash from its 32 bytes (copied). */
    public static Sha256 of(byte[] bytes) {
        return new Sha256(Bytes.of(bytes));
    }

    /** A hash from 64 hex characters. */
    public static Sha256 fromHex(String hex) {
        Check.notNull(hex, "hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value is 64 hex characters, got " + hex.length());
        }
        return new Sha256(Bytes.fromHex(hex));
    }

    /** Lower-case hex, 64 characters. */
    public String toHex() {
        return bytes.toHex();
    }

    @Override
    public int compareTo(Sha256 other) {
        return bytes.compareTo(other.bytes);
    }

    @Override
    public String toString() {
        return "sha256:" + toHex();
    }
}
