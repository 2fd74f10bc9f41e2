package io.metagroup.raft.client;

import io.metagroup.core.DescriptorDrain;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.Sha256;
import java.util.List;
import java.util.Objects;

/**
 * The replicated state of one member at one applied index, as {@link io.metagroup.raft.MetadataClient#read()}
 * returns it.
 *
 * @param nodeId           the member that answered
 * @param appliedIndex     the index the state is at
 * @param digest           SHA-256 of every applier's state (equal on every member at the same index)
 * @param plugins          the plugin set, {@code id@version}, in apply order
 * @param clusterVersion   the cluster version
 * @param surrogateHwm     the surrogate high-watermark
 * @param catalogDdlCount  how many catalog DDL entries were applied
 * @param lastRecordHlc    the HLC of the last applied record
 * @param hlcWatermark     the largest lease expiry granted so far
 * @param leases           every descriptor lease, by (descriptor, node)
 * @param drains           every recorded drain, live or expired, by descriptor
 * @param topologyChanges  how many topology changes were applied
 * @param routingChanges   how many routing changes were applied
 */
public record StateSummary(long nodeId, long appliedIndex, Sha256 digest, List<String> plugins, int clusterVersion,
                           long surrogateHwm, long catalogDdlCount, Hlc lastRecordHlc, Hlc hlcWatermark,
                           List<DescriptorLease> leases, List<DescriptorDrain> drains, long topologyChanges,
                           long routingChanges) {
    public StateSummary {
        Objects.requireNonNull(digest, "digest");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(lastRecordHlc, "lastRecordHlc");
        Objects.requireNonNull(hlcWatermark, "hlcWatermark");
        leases = List.copyOf(leases);
        drains = List.copyOf(drains);
    }
}
