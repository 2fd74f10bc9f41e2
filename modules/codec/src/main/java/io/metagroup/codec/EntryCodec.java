package io.metagroup.codec;

import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes log records and single entries in Metagroup's MessagePack wire format
 * ({@code docs/wire-format.md}). Thread-safe; one instance may serve every thread: each thread reuses its own
 * packer and unpacker.
 *
 * <p>Decoding treats its input as untrusted: every failure is a {@link CodecException} naming what is wrong and
 * where; no input makes it allocate beyond its limits, recurse beyond the Batch depth limit, or loop without end.
 * Encoding refuses values over the same limits, so whatever it writes it can read back.
 */
public final class EntryCodec {
    /** The wire version this build writes. */
    public static final int WIRE_VERSION = 1;

    private final CodecLimits limits;
    private final ThreadLocal<EntryWriter> writers;
    private final ThreadLocal<EntryReader> readers;

    /** A codec with the default limits. */
    public EntryCodec() {
        this(CodecLimits.DEFAULTS);
    }

    /** A codec with the given limits. */
    public EntryCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.writers = ThreadLocal.withInitial(() -> new EntryWriter(limits));
        this.readers = ThreadLocal.withInitial(() -> new EntryReader(limits));
    }

    /** The limits this codec enforces. */
    public CodecLimits limits() {
        return limits;
    }

    /**
     * The wire version an envelope declares, read without decoding the rest: lets a node name the version it needs.
     *
     * @throws CodecException {@code BAD_MARKER} when the bytes are not an envelope, {@code TRUNCATED} when too short
     */
    public static int peekWireVersion(byte[] bytes) throws CodecException {
        return Envelope.version(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Encodes a log record in its envelope.
     *
     * @throws CodecException {@code OVERSIZED} or {@code TOO_DEEP} when the record is over a limit;
     *                        {@code INVALID_VALUE} when a string is not valid Unicode
     */
    public byte[] encodeRecord(LogRecord record) throws CodecException {
        return writers.get().record(Objects.requireNonNull(record, "record"));
    }

    /**
     * Decodes a log record from untrusted bytes.
     *
     * @throws CodecException when the bytes are not exactly one valid log record of this wire version
     */
    public LogRecord decodeRecord(byte[] bytes) throws CodecException {
        int bodyLength = Envelope.open(Objects.requireNonNull(bytes, "bytes"), Envelope.KIND_RECORD, limits);
        return readers.get().decodeRecord(bytes, bodyLength);
    }

    /**
     * Encodes a single entry in its envelope.
     *
     * @throws CodecException {@code OVERSIZED} or {@code TOO_DEEP} when the entry is over a limit;
     *                        {@code INVALID_VALUE} when a string is not valid Unicode
     */
    public byte[] encodeEntry(MetadataEntry entry) throws CodecException {
        return writers.get().entry(Objects.requireNonNull(entry, "entry"));
    }

    /**
     * Decodes a single entry from untrusted bytes.
     *
     * @throws CodecException when the bytes are not exactly one valid entry of this wire version
     */
    public MetadataEntry decodeEntry(byte[] bytes) throws CodecException {
        int bodyLength = Envelope.open(Objects.requireNonNull(bytes, "bytes"), Envelope.KIND_ENTRY, limits);
        return readers.get().decodeEntry(bytes, bodyLength);
    }

    /** The bare encoding of a checkpoint payload, whose CRC32C a MigrationCheckpoint carries. */
    public byte[] encodePayload(MigrationCheckpointPayload payload) throws CodecException {
        return writers.get().payload(Objects.requireNonNull(payload, "payload"));
    }

    /** CRC32C of {@link #encodePayload}, as an unsigned 32-bit value. */
    public long payloadCrc32c(MigrationCheckpointPayload payload) throws CodecException {
        CRC32C crc = new CRC32C();
        crc.update(encodePayload(payload));
        return crc.getValue();
    }
}
