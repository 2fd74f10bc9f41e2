package io.metagroup.plugin.topology.internal;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.TopologyChange;
import io.metagroup.plugin.topology.ClusterTopology;
import io.metagroup.plugin.topology.ClusterTopologyView;
import io.metagroup.plugin.topology.NodeAddress;
import io.metagroup.plugin.topology.NodeInfo;
import io.metagroup.plugin.topology.NodeRole;
import io.metagroup.plugin.topology.NodeState;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.InMemoryApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies {@link TopologyChange} entries to the live topology; every other entry is Applied without effect.
 *
 * <ul>
 *   <li>Join: a node not yet known is added as a {@link NodeRole#LEARNER} in {@link NodeState#JOINING}. A known
 *       node is left as it is (the Join is Applied: joining is idempotent). An address that is not valid
 *       {@code host:port} syntax is Rejected, here and before the log in {@link #validate}; it is never resolved.</li>
 *   <li>PromoteToVoter: a learner becomes a voter, and a Joining node becomes Active. Unknown nodes, voters, and
 *       nodes that are Draining or Decommissioned are left as they are (Applied).</li>
 *   <li>StartDecommission: a Joining or Active node becomes Draining; a node already Draining or Decommissioned is
 *       left as it is, so the life of a node never runs backwards.</li>
 *   <li>FinishDecommission: a known node becomes Decommissioned.</li>
 *   <li>Leave: a known node is removed.</li>
 * </ul>
 * Changes to unknown nodes are Applied without effect, as in the seed design.
 *
 * <p>A transaction stages only the nodes it touches; commit merges them into the committed map. Readers get an
 * immutable {@link ClusterTopology}, built on the first read after a commit and cached until the next one.
 */
final class TopologyApplier extends InMemoryApplier implements ClusterTopologyView {
    private final TreeMap<Long, NodeInfo> nodes = new TreeMap<>(Long::compareUnsigned);
    /** Guards {@link #nodes} between the apply thread's writes and readers building a view. */
    private final Object lock = new Object();
    /** The view of the committed state, or null when a commit made it stale. */
    private volatile ClusterTopology view = ClusterTopology.empty();

    @Override
    public String id() {
        return TopologyPlugin.ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        if (entry instanceof TopologyChange.Join join) {
            return NodeAddress.problem(join.addr()).map(p -> joinRefused(join, p));
        }
        return Optional.empty();
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new StagedChanges();
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        TopologyCodec.write(nodes.values(), nodes.size(), out);
    }

    @Override
    protected void restoreState(InputStream in) throws IOException {
        List<NodeInfo> restored = TopologyCodec.read(in);
        synchronized (lock) {
            nodes.clear();
            restored.forEach(n -> nodes.put(n.nodeId(), n));
            view = null;
        }
    }

    @Override
    public ClusterTopology topology() {
        ClusterTopology current = view;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (view == null) {
                view = new ClusterTopology(List.copyOf(nodes.values()));
            }
            return view;
        }
    }

    private static String joinRefused(TopologyChange.Join join, String problem) {
        return "join of node " + Long.toUnsignedString(join.nodeId()) + " refused: " + problem;
    }

    /** One proposal's changes: the nodes it touched, an empty value meaning removed. */
    private final class StagedChanges implements Transaction, TopologyChange.Visitor<Outcome> {
        private Map<Long, Optional<NodeInfo>> staged;

        @Override
        public Outcome apply(MetadataEntry entry) {
            return entry instanceof TopologyChange change ? change.acceptTopology(this) : Outcome.applied();
        }

        @Override
        public void commit() {
            if (staged == null) {
                return;
            }
            synchronized (lock) {
                staged.forEach((id, node) -> {
                    if (node.isPresent()) {
                        nodes.put(id, node.get());
                    } else {
                        nodes.remove(id);
                    }
                });
                view = null;
            }
            staged = null;
        }

        @Override
        public void abort() {
            staged = null;
        }

        @Override
        public Outcome join(TopologyChange.Join c) {
            NodeAddress address;
            try {
                address = NodeAddress.parse(c.addr());
            } catch (IllegalArgumentException e) {
                return Outcome.rejected(joinRefused(c, e.getMessage()));
            }
            if (current(c.nodeId()) == null) {
                stage(c.nodeId(), new NodeInfo(c.nodeId(), address, NodeState.JOINING, NodeRole.LEARNER));
            }
            return Outcome.applied();
        }

        @Override
        public Outcome leave(TopologyChange.Leave c) {
            if (current(c.nodeId()) != null) {
                stage(c.nodeId(), null);
            }
            return Outcome.applied();
        }

        @Override
        public Outcome promoteToVoter(TopologyChange.PromoteToVoter c) {
            NodeInfo node = current(c.nodeId());
            if (node != null && node.role() == NodeRole.LEARNER
                    && (node.state() == NodeState.JOINING || node.state() == NodeState.ACTIVE)) {
                stage(c.nodeId(), node.withRole(NodeRole.VOTER).withState(NodeState.ACTIVE));
            }
            return Outcome.applied();
        }

        @Override
        public Outcome startDecommission(TopologyChange.StartDecommission c) {
            NodeInfo node = current(c.nodeId());
            if (node != null && (node.state() == NodeState.JOINING || node.state() == NodeState.ACTIVE)) {
                stage(c.nodeId(), node.withState(NodeState.DRAINING));
            }
            return Outcome.applied();
        }

        @Override
        public Outcome finishDecommission(TopologyChange.FinishDecommission c) {
            NodeInfo node = current(c.nodeId());
            if (node != null && node.state() != NodeState.DECOMMISSIONED) {
                stage(c.nodeId(), node.withState(NodeState.DECOMMISSIONED));
            }
            return Outcome.applied();
        }

        /** The node as this transaction sees it, or null. */
        private NodeInfo current(long nodeId) {
            if (staged != null) {
                Optional<NodeInfo> node = staged.get(nodeId);
                if (node != null) {
                    return node.orElse(null);
                }
            }
            return nodes.get(nodeId);
        }

        private void stage(long nodeId, NodeInfo node) {
            if (staged == null) {
                staged = new LinkedHashMap<>();
            }
            staged.put(nodeId, Optional.ofNullable(node));
        }
    }
}
