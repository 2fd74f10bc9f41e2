package io.metagroup.raft.client;

import io.metagroup.raft.GroupStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What one member said when asked for its status.
 *
 * @param nodeId  the member
 * @param address where the client reached for it
 * @param status  its own view of the group, when it answered
 * @param problem why it did not answer (unreachable, not serving this cluster, starting), when it did not
 */
public record PeerReport(long nodeId, String address, Optional<GroupStatus> status, Optional<String> problem) {
    public PeerReport {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
        if (status.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a report holds either a status or a problem");
        }
    }

    /** A member that answered. */
    public static PeerReport answered(long nodeId, String address, GroupStatus status) {
        return new PeerReport(nodeId, address, Optional.of(status), Optional.empty());
    }

    /** A member that did not answer, and why. */
    public static PeerReport silent(long nodeId, String address, String problem) {
        return new PeerReport(nodeId, address, Optional.empty(), Optional.of(problem));
    }
}
