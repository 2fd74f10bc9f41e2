package io.metagroup.raft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.codec.EntryCodec;
import io.metagroup.core.DescriptorDrain;
import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.client.internal.QueryWire;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The query messages between a remote client and a member: every field survives, bad bytes are a clear IOException. */
class QueryWireTest {
    private static final EntryCodec CODEC = new EntryCodec();
    private static final DescriptorId USERS = new DescriptorId(7, DescriptorKind.COLLECTION, "users");

    @Test
    void queriesRoundTrip() throws IOException {
        for (QueryWire.Query q : List.of(new QueryWire.Status(), new QueryWire.Summary(42, 1500),
                new QueryWire.History(9, 256),
                new QueryWire.PluginState("tls-trust", 12, 3000))) {
            assertThat(QueryWire.decodeQuery(QueryWire.encode(q))).isEqualTo(q);
        }
    }

    @Test
    void statusRoundTrips() throws IOException {
        GroupStatus s = new GroupStatus(2, GroupStatus.Role.LEADER, OptionalLong.of(2), 5, 100, 99, true,
                Optional.of("index 7: disk full"), 3, 50, 1, 2,
                List.of(new GroupStatus.PeerStatus(1, "127.0.0.1:7001", true, 98),
                        new GroupStatus.PeerStatus(4, "127.0.0.1:7004", false, -1)));
        assertThat(QueryWire.decodeStatus(QueryWire.encodeStatus(s))).isEqualTo(s);
        GroupStatus none = new GroupStatus(3, GroupStatus.Role.NONE, OptionalLong.empty(), 0, -1, 0, false,
                Optional.empty(), -1, -1, 0, 1, List.of());
        assertThat(QueryWire.decodeStatus(QueryWire.encodeStatus(none))).isEqualTo(none);
    }

    @Test
    void summaryRoundTrips() throws IOException {
        StateSummary s = new StateSummary(1, 77, Sha256.of(new byte[32]), List.of("audit@1", "topology@1"), 1,
                4096, 12, new Hlc(1000, 2), new Hlc(5000, 0),
                List.of(new DescriptorLease(USERS, 3, 2, new Hlc(9000, 1))),
                List.of(new DescriptorDrain(USERS, 2, new Hlc(8000, 0))), 4, 1);
        assertThat(QueryWire.decodeSummary(QueryWire.encodeSummary(s))).isEqualTo(s);
    }

    @Test
    void pageRoundTrips() throws Exception {
        IdempotencyKey key = new IdempotencyKey(0xabcL, 3);
        List<AppliedEntry> entries = List.of(
                new AppliedEntry(10, new Hlc(100, 0), key, new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {9})),
                        Outcome.applied()),
                new AppliedEntry(10, new Hlc(100, 0), new IdempotencyKey(0xabcL, 4), new TopologyChange.Leave(3),
                        Outcome.rejected("node 3 is not a member")));
        QueryWire.Page page = new QueryWire.Page(1, false, 11, entries);
        assertThat(QueryWire.decodePage(QueryWire.encodePage(page, CODEC), CODEC)).isEqualTo(page);
        QueryWire.Page compacted = new QueryWire.Page(500, true, 3, List.of());
        assertThat(QueryWire.decodePage(QueryWire.encodePage(compacted, CODEC), CODEC)).isEqualTo(compacted);
    }

    @Test
    void badBytesAreAClearIOException() throws Exception {
        assertThatThrownBy(() -> QueryWire.decodeQuery(new byte[] {'X', 1, 1})).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Metagroup query");
        assertThatThrownBy(() -> QueryWire.decodeQuery(new byte[] {'Q', 9, 1})).hasMessageContaining("query version 9");
        assertThatThrownBy(() -> QueryWire.decodeQuery(new byte[] {'Q', 1, 77})).hasMessageContaining("unknown query kind 77");
        assertThatThrownBy(() -> QueryWire.decodeQuery(QueryWire.encode(new QueryWire.History(0, 5))))
                .hasMessageContaining("must be at least 1");
        byte[] status = QueryWire.encodeStatus(new GroupStatus(3, GroupStatus.Role.NONE, OptionalLong.empty(), 0, -1,
                0, false, Optional.empty(), -1, -1, 0, 1, List.of()));
        assertThatThrownBy(() -> QueryWire.decodeStatus(Arrays.copyOf(status, status.length - 1)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("malformed status reply");
        assertThatThrownBy(() -> QueryWire.decodeStatus(Arrays.copyOf(status, status.length + 1)))
                .hasMessageContaining("1 bytes left over");
        byte[] hugeCount = new byte[44];
        hugeCount[17] = 0x7f; // entry count of a page
        assertThatThrownBy(() -> QueryWire.decodePage(hugeCount, CODEC)).hasMessageContaining("bad count");
    }
}
