package io.metagroup.model;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes with value equality.
 *
 * <p>Entries carry opaque payloads (DDL, DER certificates, hashes); holding them as {@code Bytes} rather than
 * {@code byte[]} keeps every record immutable and gives records a correct {@code equals}/{@code hashCode}.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;

    private Bytes(byte[] owned) {
        this.data = owned;
    }

    /** A copy of {@code data}; later changes to the array do not show. */
    public static Bytes of(byte[] data) {
        Check.notNull(data, "data");
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code length} bytes of {@code data} starting at {@code offset}. */
    public static Bytes of(byte[] data, int offset, int length) {
        Check.notNull(data, "data");
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Bytes from lower- or upper-case hex text. */
    public static Bytes fromHex(String hex) {
        Check.notNull(hex, "hex");
        return of(HEX.parseHex(hex));
    }

    /** The empty sequence. */
    public static Bytes empty() {
        return EMPTY;
    }

    /** Number of bytes. */
    public int length() {
        return data.length;
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        return data[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** A read-only view of the bytes, without copying. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Lower-case hex text of the bytes. */
    public String toHex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Unsigned lexicographic order, then shorter first. */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public String toString() {
        return data.length <= 64 ? "0x" + toHex() : "0x" + HEX.formatHex(data, 0, 32) + "…(" + data.length + " bytes)";
    }
}
