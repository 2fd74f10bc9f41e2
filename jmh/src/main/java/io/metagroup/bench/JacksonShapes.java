package io.metagroup.bench;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * What a user would reach for instead of a hand-written codec: plain records for the {@link Samples.Shape shapes},
 * a type id per entry, and Jackson databind over MessagePack ({@code jackson-dataformat-msgpack}) with default
 * settings. Thread-safe.
 */
public final class JacksonShapes {
    private final ObjectWriter writer;
    private final ObjectReader reader;

    /** A mapper over MessagePack with Jackson's defaults. */
    public JacksonShapes() {
        ObjectMapper mapper = new ObjectMapper(new MessagePackFactory());
        this.writer = mapper.writerFor(JEntry.class);
        this.reader = mapper.readerFor(JEntry.class);
    }

    /** An entry as a user's data class. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = JDdl.class, name = "ddl"),
        @JsonSubTypes.Type(value = JLeaseGrant.class, name = "leaseGrant"),
        @JsonSubTypes.Type(value = JCheckpoint.class, name = "checkpoint"),
        @JsonSubTypes.Type(value = JBatch.class, name = "batch")
    })
    public sealed interface JEntry permits JDdl, JLeaseGrant, JCheckpoint, JBatch {}

    /** A DDL. */
    public record JDdl(byte[] payload) implements JEntry {}

    /** A lease grant. */
    public record JLeaseGrant(JLease lease) implements JEntry {}

    /** A lease. */
    public record JLease(JDescriptorId descriptorId, long version, long nodeId, JHlc expiresAt) {}

    /** A descriptor id. */
    public record JDescriptorId(long tenantId, DescriptorKind kind, String name) {}

    /** A hybrid logical clock value. */
    public record JHlc(long wallNanos, long logical) {}

    /** An AddLearner checkpoint. */
    public record JCheckpoint(String migrationId, MigrationPhase phase, long attempt, JAddLearner payload,
                              long crc32c, long tsMs) implements JEntry {}

    /** The AddLearner payload. */
    public record JAddLearner(long vshardId, long sourceNode, long targetNode, long sourceGroup,
                              long writePauseBudgetUs, JHlc startedAtHlc) {}

    /** A batch. */
    public record JBatch(List<JEntry> entries) implements JEntry {}

    /** The user's data class for {@code entry} (a DDL, lease grant, AddLearner checkpoint, or a Batch of those). */
    public static JEntry of(MetadataEntry entry) {
        if (entry instanceof MetadataEntry.CatalogDdl ddl) {
            return new JDdl(ddl.payload().toByteArray());
        }
        if (entry instanceof MetadataEntry.DescriptorLeaseGrant grant) {
            DescriptorLease lease = grant.lease();
            DescriptorId id = lease.descriptorId();
            return new JLeaseGrant(new JLease(new JDescriptorId(id.tenantId(), id.kind(), id.name()), lease.version(),
                    lease.nodeId(), hlc(lease.expiresAt())));
        }
        if (entry instanceof MetadataEntry.MigrationCheckpoint c
                && c.payload() instanceof MigrationCheckpointPayload.AddLearner p) {
            return new JCheckpoint(c.migrationId(), c.phase(), c.attempt(), new JAddLearner(p.vshardId(),
                    p.sourceNode(), p.targetNode(), p.sourceGroup(), p.writePauseBudgetUs(), hlc(p.startedAtHlc())),
                    c.crc32c(), c.tsMs());
        }
        if (entry instanceof MetadataEntry.Batch batch) {
            return new JBatch(batch.entries().stream().map(JacksonShapes::of).toList());
        }
        throw new IllegalArgumentException("the Jackson baseline has no class for " + entry.getClass().getSimpleName());
    }

    private static JHlc hlc(Hlc hlc) {
        return new JHlc(hlc.wallNanos(), hlc.logical());
    }

    /** MessagePack bytes of {@code entry}. */
    public byte[] encode(JEntry entry) {
        try {
            return writer.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry {@link #encode} wrote. */
    public JEntry decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
