package io.metagroup.codec;

import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;

/**
 * Encodes and decodes log records and single entries in Metagroup's MessagePack wire format
 * ({@code docs/wire-format.md}). Thread-safe; one instance may serve every thread.
 *
 * <p>SKELETON: signatures are fixed; the implementation is in progress.
 */
public final class EntryCodec {
    /** The wire version this build writes. */
    public static final int WIRE_VERSION = 1;

    /** A codec with the default limits. */
    public EntryCodec() {}

    /** Encodes a log record in its envelope. */
    public byte[] encodeRecord(LogRecord record) throws CodecException {
        throw new UnsupportedOperationException("in progress");
    }

    /** Decodes a log record from untrusted bytes. */
    public LogRecord decodeRecord(byte[] bytes) throws CodecException {
        throw new UnsupportedOperationException("in progress");
    }

    /** Encodes a single entry in its envelope. */
    public byte[] encodeEntry(MetadataEntry entry) throws CodecException {
        throw new UnsupportedOperationException("in progress");
    }

    /** Decodes a single entry from untrusted bytes. */
    public MetadataEntry decodeEntry(byte[] bytes) throws CodecException {
        throw new UnsupportedOperationException("in progress");
    }

    /** The bare encoding of a checkpoint payload, whose CRC32C a MigrationCheckpoint carries. */
    public byte[] encodePayload(MigrationCheckpointPayload payload) throws CodecException {
        throw new UnsupportedOperationException("in progress");
    }

    /** CRC32C of {@link #encodePayload}, as an unsigned 32-bit value. */
    public long payloadCrc32c(MigrationCheckpointPayload payload) throws CodecException {
        throw new UnsupportedOperationException("in progress");
    }
}
