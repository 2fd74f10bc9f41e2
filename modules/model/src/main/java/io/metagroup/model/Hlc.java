package io.metagroup.model;

/**
 * A hybrid logical clock reading: wall time in nanoseconds (unsigned 64-bit) and a logical counter (unsigned
 * 32-bit). Totally ordered by wall time, then by the logical counter.
 *
 * <p>The leader stamps one on every log record; every time-based rule of apply compares against that stamp, never
 * against a local clock.
 *
 * @param wallNanos nanoseconds since the Unix epoch, read as an unsigned 64-bit value
 * @param logical   logical counter within the same wall time, 0..2^32-1
 */
public record Hlc(long wallNanos, long logical) implements Comparable<Hlc> {
    /** The smallest reading. */
    public static final Hlc ZERO = new Hlc(0, 0);

    public Hlc {
        Check.u32(logical, "hlc.logical");
    }

    @Override
    public int compareTo(Hlc other) {
        int byWall = Long.compareUnsigned(wallNanos, other.wallNanos);
        return byWall != 0 ? byWall : Long.compare(logical, other.logical);
    }

    /** True when this reading is strictly after {@code other}. */
    public boolean isAfter(Hlc other) {
        return compareTo(other) > 0;
    }

    /** The larger of the two readings. */
    public static Hlc max(Hlc a, Hlc b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The next reading after {@code this} given a physical clock reading: {@code physicalNanos} if it is later,
     * else the same wall time with the logical counter advanced (carrying into the wall time on overflow).
     */
    public Hlc tick(long physicalNanos) {
        if (Long.compareUnsigned(physicalNanos, wallNanos) > 0) {
            return new Hlc(physicalNanos, 0);
        }
        return logical < Check.U32_MAX ? new Hlc(wallNanos, logical + 1) : new Hlc(wallNanos + 1, 0);
    }

    /**
     * Parses the text form {@code WALLNANOS.LOGICAL} written by {@link #toString()} (both unsigned decimal).
     *
     * @throws IllegalArgumentException naming the text when it is not that form
     */
    public static Hlc parse(String text) {
        Check.notNull(text, "hlc");
        int dot = text.indexOf('.');
        try {
            if (dot > 0 && dot < text.length() - 1) {
                return new Hlc(Long.parseUnsignedLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
            }
        } catch (NumberFormatException ignored) {
            // reported below with the whole text
        }
        throw new IllegalArgumentException("an HLC is written WALLNANOS.LOGICAL (unsigned decimals), got '" + text + "'");
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(wallNanos) + "." + logical;
    }
}
