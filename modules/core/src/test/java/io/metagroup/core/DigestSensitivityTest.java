package io.metagroup.core;

import static io.metagroup.core.Entries.ORDERS;
import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.ddl;
import static io.metagroup.core.Entries.drain;
import static io.metagroup.core.Entries.grant;
import static io.metagroup.core.Entries.proposal;
import static io.metagroup.core.Entries.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two logs that differ in one field of one entry give different digests; equal logs give equal digests. */
class DigestSensitivityTest {
    @TempDir
    Path dir;

    private int cores;

    static Stream<Arguments> oneFieldApart() {
        DescriptorId otherTenant = new DescriptorId(2, DescriptorKind.COLLECTION, "users");
        DescriptorId otherKind = new DescriptorId(1, DescriptorKind.INDEX, "users");
        return Stream.of(
                apart("cluster version", new ClusterVersionBump(1, 2), new ClusterVersionBump(1, 3)),
                apart("surrogate high-watermark", new SurrogateAlloc(5), new SurrogateAlloc(6)),
                apart("catalog DDL count", ddl(1), new MetadataEntry.DescriptorDrainEnd(USERS)),
                apart("lease version", grant(USERS, 1, 1, 900), grant(USERS, 2, 1, 900)),
                apart("lease node", grant(USERS, 1, 1, 900), grant(USERS, 1, 2, 900)),
                apart("lease descriptor name", grant(USERS, 1, 1, 900), grant(ORDERS, 1, 1, 900)),
                apart("lease descriptor tenant", grant(USERS, 1, 1, 900), grant(otherTenant, 1, 1, 900)),
                apart("lease descriptor kind", grant(USERS, 1, 1, 900), grant(otherKind, 1, 1, 900)),
                apart("lease expiry and HLC watermark", grant(USERS, 1, 1, 900), grant(USERS, 1, 1, 901)),
                apart("drain version", drain(USERS, 3, 900), drain(USERS, 4, 900)),
                apart("drain expiry", drain(USERS, 3, 900), drain(USERS, 3, 901)),
                apart("topology log", new TopologyChange.Join(4, "10.0.0.4:9000"), new TopologyChange.Join(4, "10.0.0.4:9001")),
                apart("topology log kind", new TopologyChange.Leave(4), new TopologyChange.PromoteToVoter(4)),
                apart("routing log", new RoutingChange.ReassignVShard(1, 2, 3), new RoutingChange.ReassignVShard(1, 2, 4)),
                apart("routing log kind", new RoutingChange.RemoveMember(1, 2), new RoutingChange.LeadershipTransfer(1, 2)),
                apart("journal plugin rows", audited("alice", "CREATE TABLE a (x INT)"), audited("alice", "CREATE TABLE b (x INT)")),
                apart("dedup outcome", new ClusterVersionBump(4, 5), new ClusterVersionBump(6, 7)),
                Arguments.of("last record HLC", List.of(record(10, proposal(1, 1, ddl(1)))),
                        List.of(record(11, proposal(1, 1, ddl(1))))),
                Arguments.of("dedup sequence", List.of(record(10, proposal(1, 1, ddl(1)))),
                        List.of(record(10, proposal(1, 2, ddl(1))))),
                Arguments.of("dedup proposer", List.of(record(10, proposal(1, 1, ddl(1)))),
                        List.of(record(10, proposal(2, 1, ddl(1))))));
    }

    private static Arguments apart(String field, MetadataEntry a, MetadataEntry b) {
        return Arguments.of(field, List.of(record(10, proposal(1, 1, a))), List.of(record(10, proposal(1, 1, b))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldApart")
    void oneFieldChangesTheDigest(String field, List<LogRecord> a, List<LogRecord> b) {
        Sha256 first = digestAfter(a);

        assertThat(digestAfter(b)).as(field).isNotEqualTo(first);
        assertThat(digestAfter(a)).as(field + ", same log").isEqualTo(first);
    }

    @Test
    void theDigestCoversStateNotIndexes() {
        List<LogRecord> log = List.of(record(10, proposal(1, 1, ddl(1))));
        MetadataCore core = Driver.withTestPlugins(dir.resolve("skipped"));
        core.applyRecord(1, log.get(0));
        core.skipIndex(2);

        assertThat(core.digest()).isEqualTo(digestAfter(log));
    }

    private Sha256 digestAfter(List<LogRecord> log) {
        MetadataCore core = Driver.withTestPlugins(dir.resolve("core-" + cores++));
        for (int i = 0; i < log.size(); i++) {
            core.applyRecord(i + 1, log.get(i));
        }
        return core.digest();
    }
}
