package io.metagroup.codec;

import static io.metagroup.codec.CodecException.Kind.INVALID_VALUE;
import static io.metagroup.codec.CodecException.Kind.OVERSIZED;
import static io.metagroup.codec.CodecException.Kind.TOO_DEEP;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.model.MetadataEntry.CatalogDdlAudited;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.Proposal;
import io.metagroup.model.TopologyChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder refuses what the decoder would refuse, so anything encodable is decodable: a value exactly at a limit
 * round-trips, one past it is OVERSIZED (or TOO_DEEP) on both sides.
 */
class EncoderLimitsTest {
    /** record 256 bytes, strings 8, SQL text 16, binaries 8, lists 3, proposals 2, Batch depth 2. */
    private static final CodecLimits SMALL = new CodecLimits(256, 8, 16, 8, 3, 2, 2);

    private final EntryCodec small = new EntryCodec(SMALL);
    private final EntryCodec large = new EntryCodec();

    @Test
    void stringsAtTheLimitRoundTripAndPastItAreOversized() throws CodecException {
        roundTrips(new TopologyChange.Join(1, "12345678"));
        bothRefuse(new TopologyChange.Join(1, "123456789"), OVERSIZED, "join.addr");
        // the limit counts UTF-8 bytes: four 2-byte characters fit, a fifth does not
        roundTrips(new TopologyChange.Join(1, "\u00e9\u00e9\u00e9\u00e9"));
        bothRefuse(new TopologyChange.Join(1, "\u00e9\u00e9\u00e9\u00e9\u00e9"), OVERSIZED, "join.addr");
    }

    @Test
    void sqlTextHasItsOwnLimit() throws CodecException {
        roundTrips(new CatalogDdlAudited(Bytes.empty(), "u", "n", "x".repeat(16)));
        bothRefuse(new CatalogDdlAudited(Bytes.empty(), "u", "n", "x".repeat(17)), OVERSIZED, "sqlText");
        bothRefuse(new CatalogDdlAudited(Bytes.empty(), "x".repeat(9), "n", "s"), OVERSIZED, "authUserId");
    }

    @Test
    void binariesAtTheLimitRoundTripAndPastItAreOversized() throws CodecException {
        roundTrips(new CatalogDdl(Bytes.of(new byte[8])));
        bothRefuse(new CatalogDdl(Bytes.of(new byte[9])), OVERSIZED, "catalogDdl.payload");
    }

    @Test
    void listsAtTheLimitRoundTripAndPastItAreOversized() throws CodecException {
        roundTrips(new MetadataEntry.MigrationAbort("123e4567-e89b-12d3-a456-426614174000", "r",
                Collections.nCopies(3, new Compensation.RemoveGhostStub(1))));
        bothRefuse(new MetadataEntry.MigrationAbort("123e4567-e89b-12d3-a456-426614174000", "r",
                Collections.nCopies(4, new Compensation.RemoveGhostStub(1))), OVERSIZED, "compensations");
        bothRefuse(new Batch(Collections.nCopies(4, new SurrogateAlloc(1))), OVERSIZED, "batch.entries");
    }

    @Test
    void batchesAtTheDepthLimitRoundTripAndDeeperAreTooDeep() throws CodecException {
        MetadataEntry depthTwo = Batch.of(Batch.of(new SurrogateAlloc(1)));
        roundTrips(depthTwo);
        bothRefuse(Batch.of(depthTwo), TOO_DEEP, "batch");
    }

    @Test
    void anEncoderStopsAtTheDepthLimitHoweverDeepTheValue() {
        MetadataEntry deep = new SurrogateAlloc(1);
        for (int i = 0; i < 50_000; i++) { // deep enough to overflow the stack of a recursive writer
            deep = Batch.of(deep);
        }
        MetadataEntry value = deep;
        assertThat(Wire.failure(() -> large.encodeEntry(value)).kind()).isEqualTo(TOO_DEEP);
    }

    @Test
    void proposalsAtTheLimitRoundTripAndPastItAreOversized() throws CodecException {
        LogRecord two = record(2);
        assertThat(small.decodeRecord(small.encodeRecord(two))).isEqualTo(two);
        byte[] three = large.encodeRecord(record(3));
        assertThat(Wire.failure(() -> small.encodeRecord(record(3))).kind()).isEqualTo(OVERSIZED);
        assertThat(Wire.failure(() -> small.decodeRecord(three)).getMessage()).contains("proposals");
    }

    @Test
    void aBodyAboveTheRecordLimitIsOversized() {
        List<MetadataEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(Batch.of(new CatalogDdl(Bytes.of(new byte[8])), new CatalogDdl(Bytes.of(new byte[8])),
                    new CatalogDdl(Bytes.of(new byte[8]))));
        }
        EntryCodec tiny = new EntryCodec(new CodecLimits(64, 8, 16, 8, 3, 2, 2));
        assertThat(Wire.failure(() -> tiny.encodeEntry(new Batch(entries))).kind()).isEqualTo(OVERSIZED);
    }

    @Test
    void aLongListStopsAtTheRecordLimitInsteadOfBufferingAllOfIt() throws CodecException {
        // 10 000 ids sharing one 60 KiB name: small in memory, 600 MiB encoded, far above this fork's 64 MiB heap
        String name = "n".repeat(60 << 10);
        List<DescriptorId> ids = Collections.nCopies(10_000, new DescriptorId(1, DescriptorKind.COLLECTION, name));
        CodecException e = Wire.failure(() -> large.encodeEntry(new MetadataEntry.DescriptorLeaseRelease(1, ids)));
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(OVERSIZED);
        assertThat(e.getMessage()).contains("record limit");
        // the failed encode left nothing behind in this thread's writer
        MetadataEntry next = new TopologyChange.Join(2, "127.0.0.1:7002");
        assertThat(large.decodeEntry(large.encodeEntry(next))).isEqualTo(next);
    }

    @Test
    void anUnpairedSurrogateCannotBeEncoded() {
        CodecException e = Wire.failure(() -> large.encodeEntry(new TopologyChange.Join(1, "a\ud800b")));
        assertThat(e.kind()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).contains("join.addr").contains("unpaired surrogate at char 1");
        assertThat(Wire.failure(() -> large.encodeEntry(new TopologyChange.Join(1, "\udc00"))).kind())
                .isEqualTo(INVALID_VALUE);
    }

    private static LogRecord record(int proposals) {
        List<Proposal> list = new ArrayList<>();
        for (int i = 0; i < proposals; i++) {
            list.add(new Proposal(new IdempotencyKey(1, i), new SurrogateAlloc(i)));
        }
        return new LogRecord(Hlc.ZERO, list);
    }

    private void roundTrips(MetadataEntry entry) throws CodecException {
        assertThat(small.decodeEntry(small.encodeEntry(entry))).isEqualTo(entry);
    }

    /** The small codec neither encodes {@code entry} nor decodes its encoding by the default codec. */
    private void bothRefuse(MetadataEntry entry, CodecException.Kind kind, String field) throws CodecException {
        CodecException encoding = Wire.failure(() -> small.encodeEntry(entry));
        assertThat(encoding.kind()).as(encoding.getMessage()).isEqualTo(kind);
        assertThat(encoding.getMessage()).contains(field);
        CodecException decoding = Wire.entryFailure(small, large.encodeEntry(entry), kind);
        assertThat(decoding.getMessage()).contains(field);
    }
}
