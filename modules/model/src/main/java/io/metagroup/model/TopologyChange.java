package io.metagroup.model;

/** A change to the live cluster topology. Each variant names the node it changes. */
public sealed interface TopologyChange extends MetadataEntry {

    /** The node this change is about, unsigned 64-bit. */
    long nodeId();

    /** Exhaustive handling of the five topology changes. */
    interface Visitor<R> {
        R join(Join c);

        R leave(Leave c);

        R promoteToVoter(PromoteToVoter c);

        R startDecommission(StartDecommission c);

        R finishDecommission(FinishDecommission c);
    }

    /** Calls the visitor method for this change. */
    <R> R acceptTopology(Visitor<R> visitor);

    @Override
    default <R> R accept(MetadataEntry.Visitor<R> visitor) {
        return visitor.topologyChange(this);
    }

    /**
     * A node joins as a learner in state Joining.
     *
     * @param nodeId the joining node
     * @param addr   its address as {@code host:port}; syntax is checked at apply, never resolved
     */
    record Join(long nodeId, String addr) implements TopologyChange {
        public Join {
            Check.nonEmpty(addr, "join.addr");
        }

        @Override
        public <R> R acceptTopology(Visitor<R> visitor) {
            return visitor.join(this);
        }
    }

    /** A node leaves the topology. */
    record Leave(long nodeId) implements TopologyChange {
        @Override
        public <R> R acceptTopology(Visitor<R> visitor) {
            return visitor.leave(this);
        }
    }

    /** A learner becomes a voter. */
    record PromoteToVoter(long nodeId) implements TopologyChange {
        @Override
        public <R> R acceptTopology(Visitor<R> visitor) {
            return visitor.promoteToVoter(this);
        }
    }

    /** A node starts draining. */
    record StartDecommission(long nodeId) implements TopologyChange {
        @Override
        public <R> R acceptTopology(Visitor<R> visitor) {
            return visitor.startDecommission(this);
        }
    }

    /** A draining node is decommissioned. */
    record FinishDecommission(long nodeId) implements TopologyChange {
        @Override
        public <R> R acceptTopology(Visitor<R> visitor) {
            return visitor.finishDecommission(this);
        }
    }
}
