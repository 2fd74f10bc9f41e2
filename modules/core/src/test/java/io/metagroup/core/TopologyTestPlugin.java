package io.metagroup.core;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.PluginContext;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A small in-memory topology for tests: Join adds a node in state JOINING (idempotent), Promote needs a JOINING
 * node, StartDecommission a JOINING or VOTER node, FinishDecommission a DRAINING one; Leave removes.
 */
final class TopologyTestPlugin implements ApplierPlugin {
    static final String ID = "topology";
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:[0-9]{1,5}");

    enum State { JOINING, VOTER, DRAINING, DECOMMISSIONED }

    record Node(String addr, State state) {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public MetadataApplier create(PluginContext context) {
        return new Topology();
    }

    static final class Topology implements MetadataApplier {
        private volatile TreeMap<Long, Node> nodes = new TreeMap<>();
        private volatile long appliedIndex;

        @Override
        public String id() {
            return ID;
        }

        Map<Long, Node> nodes() {
            return Map.copyOf(nodes);
        }

        @Override
        public Optional<String> validate(MetadataEntry entry) {
            if (entry instanceof TopologyChange.Join join && !HOST_PORT.matcher(join.addr()).matches()) {
                return Optional.of("join address '" + join.addr() + "' is not host:port");
            }
            return Optional.empty();
        }

        @Override
        public long appliedIndex() {
            return appliedIndex;
        }

        @Override
        public Transaction begin(ApplyContext context) {
            return new Staged();
        }

        @Override
        public void finishRecord(long index) {
            appliedIndex = index;
        }

        @Override
        public void writeSnapshot(OutputStream out) throws IOException {
            TreeMap<Long, Node> current = nodes;
            StateOutput.write(out, state -> write(state, current));
        }

        @Override
        public void restoreSnapshot(InputStream in, long index) throws IOException {
            StateInput state = new StateInput(in, ID);
            TreeMap<Long, Node> restored = new TreeMap<>();
            int count = state.count("node count");
            for (int i = 0; i < count; i++) {
                long id = state.i64("node id");
                String addr = state.string("addr");
                restored.put(id, new Node(addr, State.valueOf(state.string("state"))));
            }
            state.expectEnd();
            nodes = restored;
            appliedIndex = index;
        }

        @Override
        public Sha256 digest() {
            TreeMap<Long, Node> current = nodes;
            return StateOutput.digest(out -> write(out, current));
        }

        @Override
        public void close() {
        }

        private static void write(StateOutput out, TreeMap<Long, Node> nodes) throws IOException {
            out.i32(nodes.size());
            for (Map.Entry<Long, Node> node : nodes.entrySet()) {
                out.i64(node.getKey());
                out.string(node.getValue().addr());
                out.string(node.getValue().state().name());
            }
        }

        private final class Staged implements Transaction, TopologyChange.Visitor<Outcome> {
            private TreeMap<Long, Node> staged;

            @Override
            public Outcome apply(MetadataEntry entry) {
                return entry instanceof TopologyChange change ? change.acceptTopology(this) : Outcome.applied();
            }

            @Override
            public void commit() {
                if (staged != null) {
                    nodes = staged;
                }
            }

            @Override
            public void abort() {
                staged = null;
            }

            private TreeMap<Long, Node> view() {
                if (staged == null) {
                    staged = new TreeMap<>(nodes);
                }
                return staged;
            }

            private Outcome move(long nodeId, State to, State... from) {
                Node node = view().get(nodeId);
                for (State allowed : from) {
                    if (node != null && node.state() == allowed) {
                        staged.put(nodeId, new Node(node.addr(), to));
                        return Outcome.applied();
                    }
                }
                return Outcome.rejected("node " + nodeId + " is " + (node == null ? "unknown" : node.state())
                        + ", cannot become " + to);
            }

            @Override
            public Outcome join(TopologyChange.Join c) {
                view().putIfAbsent(c.nodeId(), new Node(c.addr(), State.JOINING));
                return Outcome.applied();
            }

            @Override
            public Outcome leave(TopologyChange.Leave c) {
                view().remove(c.nodeId());
                return Outcome.applied();
            }

            @Override
            public Outcome promoteToVoter(TopologyChange.PromoteToVoter c) {
                return move(c.nodeId(), State.VOTER, State.JOINING);
            }

            @Override
            public Outcome startDecommission(TopologyChange.StartDecommission c) {
                return move(c.nodeId(), State.DRAINING, State.JOINING, State.VOTER);
            }

            @Override
            public Outcome finishDecommission(TopologyChange.FinishDecommission c) {
                return move(c.nodeId(), State.DECOMMISSIONED, State.DRAINING);
            }
        }
    }
}
