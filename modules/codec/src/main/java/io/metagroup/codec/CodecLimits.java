package io.metagroup.codec;

/**
 * Bounds on what the codec reads and writes. A decoder checks every declared length or count against these (and
 * against the bytes left) before allocating; an encoder refuses values over them, so whatever it writes it can read
 * back. See {@code docs/wire-format.md}, section 6.
 *
 * @param maxRecordBytes  largest envelope body, in bytes
 * @param maxStringBytes  largest UTF-8 string, in bytes (every string but {@code sqlText})
 * @param maxSqlTextBytes largest {@code CatalogDdlAudited.sqlText}, in UTF-8 bytes
 * @param maxBinaryBytes  largest binary value, in bytes
 * @param maxArrayLength  most elements of a list field (batch entries, descriptor ids, compensations)
 * @param maxProposals    most proposals in one log record
 * @param maxBatchDepth   most Batches nested in one another (a top-level Batch has depth 1)
 */
public record CodecLimits(int maxRecordBytes, int maxStringBytes, int maxSqlTextBytes, int maxBinaryBytes,
                          int maxArrayLength, int maxProposals, int maxBatchDepth) {
    /** Largest body any envelope can declare here: a Java array must hold header and body. */
    static final int MAX_BODY = Integer.MAX_VALUE - 64;

    /** The defaults: 4 MiB records, 64 KiB strings, 1 MiB SQL text, 1 MiB binaries, 10 000 elements, 4 096 proposals, depth 8. */
    public static final CodecLimits DEFAULTS =
            new CodecLimits(4 << 20, 64 << 10, 1 << 20, 1 << 20, 10_000, 4_096, 8);

    public CodecLimits {
        positive(maxRecordBytes, "maxRecordBytes");
        positive(maxStringBytes, "maxStringBytes");
        positive(maxSqlTextBytes, "maxSqlTextBytes");
        positive(maxBinaryBytes, "maxBinaryBytes");
        positive(maxArrayLength, "maxArrayLength");
        positive(maxProposals, "maxProposals");
        positive(maxBatchDepth, "maxBatchDepth");
        if (maxRecordBytes > MAX_BODY) {
            throw new IllegalArgumentException("maxRecordBytes must be at most " + MAX_BODY + ", got " + maxRecordBytes);
        }
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
