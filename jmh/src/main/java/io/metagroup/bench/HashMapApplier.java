package io.metagroup.bench;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The apply baseline: the same effects as topology + routing + the core cache on the {@link ApplyStream}, kept in
 * plain HashMaps, with a bounded dedup map; no transactions, no staging, no snapshots, no determinism rules.
 */
public final class HashMapApplier {
    private static final int DEDUP_BOUND = 65_536;

    private final Map<Integer, Long> groupOfVShard = new HashMap<>();
    private final Map<Long, Long> leaderOfGroup = new HashMap<>();
    private final Map<Long, String> addressOfNode = new HashMap<>();
    private final Map<Long, Boolean> voter = new HashMap<>();
    private final Map<DescriptorId, DescriptorLease> leases = new HashMap<>();
    private final Map<IdempotencyKey, Boolean> dedup = new LinkedHashMap<>(DEDUP_BOUND * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IdempotencyKey, Boolean> eldest) {
            return size() > DEDUP_BOUND;
        }
    };
    private long appliedIndex;
    private long ddlCount;
    private long surrogateHwm;

    /** Applies {@code record} at {@code index}; returns how many proposals took effect. */
    public int apply(long index, LogRecord record) {
        if (index <= appliedIndex) {
            return 0;
        }
        int applied = 0;
        for (Proposal proposal : record.proposals()) {
            if (dedup.putIfAbsent(proposal.key(), Boolean.TRUE) == null) {
                apply(proposal.entry());
                applied++;
            }
        }
        appliedIndex = index;
        return applied;
    }

    private void apply(MetadataEntry entry) {
        if (entry instanceof RoutingChange.ReassignVShard c) {
            groupOfVShard.put((int) c.vshardId(), c.newGroupId());
            leaderOfGroup.put(c.newGroupId(), c.newLeaseholderNodeId());
        } else if (entry instanceof RoutingChange.LeadershipTransfer c) {
            leaderOfGroup.put(c.groupId(), c.newLeaderNodeId());
        } else if (entry instanceof TopologyChange.Join c) {
            addressOfNode.putIfAbsent(c.nodeId(), c.addr());
            voter.putIfAbsent(c.nodeId(), Boolean.FALSE);
        } else if (entry instanceof TopologyChange.PromoteToVoter c) {
            voter.replace(c.nodeId(), Boolean.TRUE);
        } else if (entry instanceof TopologyChange.Leave c) {
            addressOfNode.remove(c.nodeId());
            voter.remove(c.nodeId());
        } else if (entry instanceof MetadataEntry.CatalogDdl) {
            ddlCount++;
        } else if (entry instanceof MetadataEntry.DescriptorLeaseGrant c) {
            leases.put(c.lease().descriptorId(), c.lease());
        } else if (entry instanceof MetadataEntry.SurrogateAlloc c) {
            surrogateHwm = Math.max(surrogateHwm, c.hwm());
        }
    }

    /** DDLs counted so far (keeps the work observable). */
    public long ddlCount() {
        return ddlCount;
    }
}
