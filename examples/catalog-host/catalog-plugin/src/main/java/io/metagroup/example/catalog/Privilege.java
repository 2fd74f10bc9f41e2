package io.metagroup.example.catalog;

/** What a grant allows a user to do with a collection. Each has a fixed code in payloads and snapshots. */
public enum Privilege {
    /** Read the collection's documents. */
    READ(1),
    /** Write the collection's documents. */
    WRITE(2),
    /** Change the collection itself. */
    ADMIN(3);

    private final int code;

    Privilege(int code) {
        this.code = code;
    }

    /** The privilege's code in payloads and snapshots; never its ordinal, so reordering cannot change the bytes. */
    public int code() {
        return code;
    }

    /**
     * The privilege with {@code code}.
     *
     * @throws IllegalArgumentException when no privilege has it
     */
    public static Privilege ofCode(int code) {
        for (Privilege p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown privilege code " + code + " (1 READ, 2 WRITE, 3 ADMIN)");
    }
}
