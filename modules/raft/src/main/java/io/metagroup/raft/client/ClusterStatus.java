package io.metagroup.raft.client;

import io.metagroup.raft.GroupStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every member's answer to a status query, by node id.
 *
 * @param cluster the cluster name asked for
 * @param reports one per member the client knows, in node id order
 */
public record ClusterStatus(String cluster, List<PeerReport> reports) {
    public ClusterStatus {
        Objects.requireNonNull(cluster, "cluster");
        reports = List.copyOf(reports);
    }

    /** The status of the member that leads in the highest term any member reported, if one does. */
    public Optional<GroupStatus> leader() {
        return answered().stream().filter(s -> s.role() == GroupStatus.Role.LEADER)
                .max(Comparator.comparingLong(GroupStatus::term));
    }

    /** The statuses of the members that answered. */
    public List<GroupStatus> answered() {
        return reports.stream().flatMap(r -> r.status().stream()).toList();
    }

    /** The best view of the configuration: the leader's, else that of the member with the highest term and commit. */
    public Optional<GroupStatus> bestView() {
        Optional<GroupStatus> leader = leader();
        if (leader.isPresent()) {
            return leader;
        }
        return answered().stream().max(Comparator.comparingLong(GroupStatus::term)
                .thenComparingLong(GroupStatus::commitIndex));
    }
}
