package io.metagroup.bench;

import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import java.util.Map;

/**
 * The stream of log records the apply benchmarks feed: topology churn (join, promote, leave), routing changes
 * (vShard reassignments, leader moves), 200-byte DDLs, lease grants and surrogate high-watermarks, each proposal
 * with a fresh idempotency key, records at consecutive indexes with increasing HLCs.
 */
public final class ApplyStream {
    /** Groups of the routing genesis. */
    public static final int GROUPS = 16;
    /** The routing genesis: 16 groups over nodes 1, 2, 3, replication factor 3. */
    public static final Map<String, String> GENESIS = Map.of(
            "plugin.routing.genesis.groups", Integer.toString(GROUPS),
            "plugin.routing.genesis.nodes", "1,2,3",
            "plugin.routing.genesis.replication-factor", "3");
    private static final int CYCLE = 4096;
    private static final long PROPOSER = 0x5EED;

    private final MetadataEntry[] entries = new MetadataEntry[CYCLE];
    private final int perRecord;
    private long sequence;
    private long index;

    /** A stream of records of {@code perRecord} proposals each. */
    public ApplyStream(int perRecord) {
        this.perRecord = perRecord;
        for (int i = 0; i < CYCLE; i++) {
            long node = 100 + (i / 8) % 512;
            long group = (i / 8) % GROUPS;
            long leader = 1 + (i / 8) % 3;
            entries[i] = switch (i % 8) {
                case 0 -> new RoutingChange.ReassignVShard((i / 8) % 1024, group, leader);
                case 1 -> new RoutingChange.LeadershipTransfer(group, leader);
                case 2 -> new TopologyChange.Join(node, "127.0.0.1:" + (7000 + node));
                case 3 -> new TopologyChange.PromoteToVoter(node);
                case 4 -> Samples.ddl(i);
                case 5 -> Samples.leaseGrant(i % 1024);
                case 6 -> new MetadataEntry.SurrogateAlloc(i);
                default -> new TopologyChange.Leave(node);
            };
        }
    }

    /** Proposals per record. */
    public int perRecord() {
        return perRecord;
    }

    /** The index the next record is to be applied at. */
    public long nextIndex() {
        return index + 1;
    }

    /** The next record; its index is {@link #nextIndex()} before the call. */
    public LogRecord next() {
        index++;
        Proposal[] proposals = new Proposal[perRecord];
        for (int i = 0; i < perRecord; i++) {
            sequence++;
            proposals[i] = new Proposal(new IdempotencyKey(PROPOSER, sequence), entries[(int) (sequence % CYCLE)]);
        }
        return new LogRecord(new Hlc(1_700_000_000_000_000_000L + index * 1_000, 0), java.util.List.of(proposals));
    }
}
