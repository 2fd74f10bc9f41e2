package io.metagroup.core;

import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import java.io.IOException;

/** The canonical encoding of topology and routing changes in the cache's change logs: a tag, then the fields. */
final class ChangeEncoding {
    private static final int JOIN = 1;
    private static final int LEAVE = 2;
    private static final int PROMOTE_TO_VOTER = 3;
    private static final int START_DECOMMISSION = 4;
    private static final int FINISH_DECOMMISSION = 5;

    private static final int REASSIGN_VSHARD = 1;
    private static final int LEADERSHIP_TRANSFER = 2;
    private static final int REMOVE_MEMBER = 3;

    /** Reads one logged change. */
    @FunctionalInterface
    interface Reader<T> {
        T read(StateInput in, String field) throws IOException;
    }

    private static final TopologyChange.Visitor<StateOutput.Writer> TOPOLOGY = new TopologyChange.Visitor<>() {
        @Override
        public StateOutput.Writer join(TopologyChange.Join c) {
            return out -> {
                tagged(out, JOIN, c.nodeId());
                out.string(c.addr());
            };
        }

        @Override
        public StateOutput.Writer leave(TopologyChange.Leave c) {
            return out -> tagged(out, LEAVE, c.nodeId());
        }

        @Override
        public StateOutput.Writer promoteToVoter(TopologyChange.PromoteToVoter c) {
            return out -> tagged(out, PROMOTE_TO_VOTER, c.nodeId());
        }

        @Override
        public StateOutput.Writer startDecommission(TopologyChange.StartDecommission c) {
            return out -> tagged(out, START_DECOMMISSION, c.nodeId());
        }

        @Override
        public StateOutput.Writer finishDecommission(TopologyChange.FinishDecommission c) {
            return out -> tagged(out, FINISH_DECOMMISSION, c.nodeId());
        }
    };

    private static final RoutingChange.Visitor<StateOutput.Writer> ROUTING = new RoutingChange.Visitor<>() {
        @Override
        public StateOutput.Writer reassignVShard(RoutingChange.ReassignVShard c) {
            return out -> {
                tagged(out, REASSIGN_VSHARD, c.vshardId());
                out.i64(c.newGroupId());
                out.i64(c.newLeaseholderNodeId());
            };
        }

        @Override
        public StateOutput.Writer leadershipTransfer(RoutingChange.LeadershipTransfer c) {
            return out -> {
                tagged(out, LEADERSHIP_TRANSFER, c.groupId());
                out.i64(c.newLeaderNodeId());
            };
        }

        @Override
        public StateOutput.Writer removeMember(RoutingChange.RemoveMember c) {
            return out -> {
                tagged(out, REMOVE_MEMBER, c.groupId());
                out.i64(c.nodeId());
            };
        }
    };

    private ChangeEncoding() {}

    static void writeTopology(StateOutput out, TopologyChange change) throws IOException {
        change.acceptTopology(TOPOLOGY).write(out);
    }

    static void writeRouting(StateOutput out, RoutingChange change) throws IOException {
        change.acceptRouting(ROUTING).write(out);
    }

    static TopologyChange readTopology(StateInput in, String field) throws IOException {
        int tag = in.u8(field + ".tag");
        long nodeId = in.i64(field + ".nodeId");
        try {
            switch (tag) {
                case JOIN:
                    return new TopologyChange.Join(nodeId, in.string(field + ".addr"));
                case LEAVE:
                    return new TopologyChange.Leave(nodeId);
                case PROMOTE_TO_VOTER:
                    return new TopologyChange.PromoteToVoter(nodeId);
                case START_DECOMMISSION:
                    return new TopologyChange.StartDecommission(nodeId);
                case FINISH_DECOMMISSION:
                    return new TopologyChange.FinishDecommission(nodeId);
                default:
                    throw in.malformed(field + " has unknown topology change tag " + tag);
            }
        } catch (IllegalArgumentException e) {
            throw in.malformed(field + ": " + e.getMessage());
        }
    }

    static RoutingChange readRouting(StateInput in, String field) throws IOException {
        int tag = in.u8(field + ".tag");
        long first = in.i64(field + ".first");
        try {
            switch (tag) {
                case REASSIGN_VSHARD:
                    return new RoutingChange.ReassignVShard(first, in.i64(field + ".newGroupId"),
                            in.i64(field + ".newLeaseholderNodeId"));
                case LEADERSHIP_TRANSFER:
                    return new RoutingChange.LeadershipTransfer(first, in.i64(field + ".newLeaderNodeId"));
                case REMOVE_MEMBER:
                    return new RoutingChange.RemoveMember(first, in.i64(field + ".nodeId"));
                default:
                    throw in.malformed(field + " has unknown routing change tag " + tag);
            }
        } catch (IllegalArgumentException e) {
            throw in.malformed(field + ": " + e.getMessage());
        }
    }

    private static void tagged(StateOutput out, int tag, long first) throws IOException {
        out.u8(tag);
        out.i64(first);
    }
}
