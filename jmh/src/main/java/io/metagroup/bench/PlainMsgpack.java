package io.metagroup.bench;

import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.core.buffer.MessageBuffer;

/**
 * The floor the codec is measured against: a straight msgpack-core loop that writes and reads the same fields in
 * the same layout as the wire format (the bytes equal the codec's body), for the {@link Samples.Shape shapes} only,
 * without envelope, limits, field paths or error reporting. Reuses its packer and unpacker like the codec does.
 * One per thread.
 */
public final class PlainMsgpack {
    private static final int CATALOG_DDL = 1;
    private static final int BATCH = 3;
    private static final int LEASE_GRANT = 7;
    private static final int CHECKPOINT = 14;
    private static final int ADD_LEARNER = 1;
    private static final DescriptorKind[] KINDS = DescriptorKind.values();
    private static final MigrationPhase[] PHASES = MigrationPhase.values();

    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);

    /** The body bytes of {@code entry}: a DDL, a lease grant, an AddLearner checkpoint, or a Batch of those. */
    public byte[] encode(MetadataEntry entry) {
        try {
            packer.clear();
            write(entry);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #encode} wrote back into model records. */
    public MetadataEntry decode(byte[] bytes) {
        try {
            input.reset(bytes);
            unpacker.reset(input);
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(MetadataEntry entry) throws IOException {
        if (entry instanceof MetadataEntry.CatalogDdl ddl) {
            packer.packArrayHeader(2).packInt(CATALOG_DDL);
            byte[] payload = ddl.payload().toByteArray();
            packer.packBinaryHeader(payload.length).writePayload(payload);
        } else if (entry instanceof MetadataEntry.DescriptorLeaseGrant grant) {
            DescriptorLease lease = grant.lease();
            packer.packArrayHeader(2).packInt(LEASE_GRANT).packArrayHeader(4);
            DescriptorId id = lease.descriptorId();
            // the enum order is the wire order; the codec maps codes explicitly
            packer.packArrayHeader(3).packLong(id.tenantId()).packInt(id.kind().ordinal() + 1).packString(id.name());
            packer.packLong(lease.version()).packLong(lease.nodeId());
            hlc(lease.expiresAt());
        } else if (entry instanceof MetadataEntry.MigrationCheckpoint c
                && c.payload() instanceof MigrationCheckpointPayload.AddLearner p) {
            packer.packArrayHeader(7).packInt(CHECKPOINT);
            UUID uuid = UUID.fromString(c.migrationId());
            byte[] id = new byte[16];
            for (int i = 0; i < 8; i++) {
                id[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
                id[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
            }
            packer.packBinaryHeader(16).writePayload(id);
            packer.packInt(c.phase().ordinal() + 1).packLong(c.attempt());
            packer.packArrayHeader(7).packInt(ADD_LEARNER).packLong(p.vshardId()).packLong(p.sourceNode())
                    .packLong(p.targetNode()).packLong(p.sourceGroup()).packLong(p.writePauseBudgetUs());
            hlc(p.startedAtHlc());
            packer.packLong(c.crc32c()).packLong(c.tsMs());
        } else if (entry instanceof MetadataEntry.Batch batch) {
            packer.packArrayHeader(2).packInt(BATCH).packArrayHeader(batch.entries().size());
            for (MetadataEntry e : batch.entries()) {
                write(e);
            }
        } else {
            throw new IllegalArgumentException("the plain baseline writes no " + entry.getClass().getSimpleName());
        }
    }

    private void hlc(Hlc hlc) throws IOException {
        packer.packArrayHeader(2).packLong(hlc.wallNanos()).packLong(hlc.logical());
    }

    private MetadataEntry read() throws IOException {
        unpacker.unpackArrayHeader();
        int tag = unpacker.unpackInt();
        switch (tag) {
            case CATALOG_DDL: {
                // one copy, straight out of the input, as the codec does
                MessageBuffer payload = unpacker.readPayloadAsReference(unpacker.unpackBinaryHeader());
                return new MetadataEntry.CatalogDdl(Bytes.of(payload.array(), payload.arrayOffset(), payload.size()));
            }
            case LEASE_GRANT: {
                unpacker.unpackArrayHeader();
                unpacker.unpackArrayHeader();
                DescriptorId id = new DescriptorId(unpacker.unpackLong(), KINDS[unpacker.unpackInt() - 1],
                        unpacker.unpackString());
                return new MetadataEntry.DescriptorLeaseGrant(new DescriptorLease(id, unpacker.unpackLong(),
                        unpacker.unpackLong(), readHlc()));
            }
            case CHECKPOINT: {
                byte[] raw = unpacker.readPayload(unpacker.unpackBinaryHeader());
                long msb = 0;
                long lsb = 0;
                for (int i = 0; i < 8; i++) {
                    msb = (msb << 8) | (raw[i] & 0xFF);
                    lsb = (lsb << 8) | (raw[8 + i] & 0xFF);
                }
                MigrationPhase phase = PHASES[unpacker.unpackInt() - 1];
                long attempt = unpacker.unpackLong();
                unpacker.unpackArrayHeader();
                unpacker.unpackInt();
                var payload = new MigrationCheckpointPayload.AddLearner(unpacker.unpackLong(), unpacker.unpackLong(),
                        unpacker.unpackLong(), unpacker.unpackLong(), unpacker.unpackLong(), readHlc());
                return new MetadataEntry.MigrationCheckpoint(new UUID(msb, lsb).toString(), phase, attempt, payload,
                        unpacker.unpackLong(), unpacker.unpackLong());
            }
            case BATCH: {
                int n = unpacker.unpackArrayHeader();
                List<MetadataEntry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    entries.add(read());
                }
                return new MetadataEntry.Batch(entries);
            }
            default:
                throw new IOException("the plain baseline reads no tag " + tag);
        }
    }

    private Hlc readHlc() throws IOException {
        unpacker.unpackArrayHeader();
        return new Hlc(unpacker.unpackLong(), unpacker.unpackLong());
    }
}
