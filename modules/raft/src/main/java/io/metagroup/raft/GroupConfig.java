package io.metagroup.raft;

import io.metagroup.spi.ApplierPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to start one node of the metadata group.
 *
 * @param self           this node: its id and the {@code host:port} its Raft server binds
 * @param initialMembers the voters the group bootstraps with, as this node reaches them (self included); empty for
 *                       a node that joins a running group (it waits until the leader adds it)
 * @param clusterName    names the Raft group; every node of one cluster uses the same name
 * @param dataDir        this node's own directory (Raft log and snapshots under {@code ratis/}, plugin stores
 *                       under {@code core/}); one node per directory
 * @param plugins        the applier plugins, the same set on every node
 * @param settings       node settings ({@code plugin.<id>.<key>} for plugins)
 * @param tuning         timeouts, compaction and batching knobs
 * @param tls            mutual TLS for the node's Raft traffic, or empty for plain gRPC
 */
public record GroupConfig(
        Member self,
        List<Member> initialMembers,
        String clusterName,
        Path dataDir,
        List<ApplierPlugin> plugins,
        Map<String, String> settings,
        Tuning tuning,
        Optional<PeerTls> tls) {

    public GroupConfig {
        Objects.requireNonNull(self, "self");
        initialMembers = List.copyOf(initialMembers);
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isEmpty()) {
            throw new IllegalArgumentException("clusterName must not be empty");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        plugins = List.copyOf(plugins);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(tls, "tls");
        if (!initialMembers.isEmpty()
                && initialMembers.stream().noneMatch(m -> m.nodeId() == self.nodeId())) {
            throw new IllegalArgumentException("initialMembers must include this node " + self
                    + " (or be empty for a joining node), got " + initialMembers);
        }
        var seen = new TreeMap<Long, Member>();
        for (Member m : initialMembers) {
            if (seen.put(m.nodeId(), m) != null) {
                throw new IllegalArgumentException("initialMembers lists node " + Long.toUnsignedString(m.nodeId())
                        + " twice");
            }
        }
    }

    /** A node speaking plain gRPC (no TLS). */
    public GroupConfig(Member self, List<Member> initialMembers, String clusterName, Path dataDir,
                       List<ApplierPlugin> plugins, Map<String, String> settings, Tuning tuning) {
        this(self, initialMembers, clusterName, dataDir, plugins, settings, tuning, Optional.empty());
    }

    /** A node that bootstraps a group of {@code members} in {@code dataDir}, default name and tuning. */
    public static GroupConfig of(Member self, List<Member> members, Path dataDir, List<ApplierPlugin> plugins) {
        return new GroupConfig(self, members, "metagroup", dataDir, plugins, Map.of(), Tuning.defaults());
    }

    /** True when this node starts outside the group and waits to be added. */
    public boolean joining() {
        return initialMembers.isEmpty();
    }

    /** A copy with other tuning. */
    public GroupConfig withTuning(Tuning newTuning) {
        return new GroupConfig(self, initialMembers, clusterName, dataDir, plugins, settings, newTuning, tls);
    }

    /** A copy whose Raft traffic uses mutual TLS {@code peerTls}. */
    public GroupConfig withTls(PeerTls peerTls) {
        return new GroupConfig(self, initialMembers, clusterName, dataDir, plugins, settings, tuning,
                Optional.of(peerTls));
    }

    /** A copy with other settings. */
    public GroupConfig withSettings(Map<String, String> newSettings) {
        return new GroupConfig(self, initialMembers, clusterName, dataDir, plugins, newSettings, tuning, tls);
    }
}
