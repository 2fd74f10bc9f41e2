package io.metagroup.plugin.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable view of the cluster topology at one point of the log: its nodes in ascending unsigned node-id
 * order.
 *
 * @param nodes the nodes, sorted by unsigned node id on construction; ids are unique
 */
public record ClusterTopology(List<NodeInfo> nodes) {
    private static final Comparator<NodeInfo> BY_ID = (a, b) -> Long.compareUnsigned(a.nodeId(), b.nodeId());
    private static final ClusterTopology EMPTY = new ClusterTopology(List.of());

    /**
     * Sorts and checks the nodes.
     *
     * @throws IllegalArgumentException when two nodes share an id
     */
    public ClusterTopology {
        List<NodeInfo> sorted = new ArrayList<>(Objects.requireNonNull(nodes, "nodes"));
        sorted.sort(BY_ID);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).nodeId() == sorted.get(i).nodeId()) {
                throw new IllegalArgumentException("node " + Long.toUnsignedString(sorted.get(i).nodeId())
                        + " appears twice in the topology");
            }
        }
        nodes = List.copyOf(sorted);
    }

    /** The topology with no nodes. */
    public static ClusterTopology empty() {
        return EMPTY;
    }

    /** The node with id {@code nodeId}, if it is in the topology. */
    public Optional<NodeInfo> node(long nodeId) {
        int low = 0;
        int high = nodes.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = Long.compareUnsigned(nodes.get(mid).nodeId(), nodeId);
            if (order == 0) {
                return Optional.of(nodes.get(mid));
            } else if (order < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** True when node {@code nodeId} is in the topology. */
    public boolean contains(long nodeId) {
        return node(nodeId).isPresent();
    }

    /** The number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** The nodes with role {@code role}, in node-id order. */
    public List<NodeInfo> withRole(NodeRole role) {
        return nodes.stream().filter(n -> n.role() == role).toList();
    }

    /** The nodes in state {@code state}, in node-id order. */
    public List<NodeInfo> inState(NodeState state) {
        return nodes.stream().filter(n -> n.state() == state).toList();
    }
}
