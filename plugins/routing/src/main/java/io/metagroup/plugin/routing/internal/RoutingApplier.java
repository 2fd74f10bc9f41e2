package io.metagroup.plugin.routing.internal;

import io.metagroup.model.Compensation;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.plugin.routing.GroupInfo;
import io.metagroup.plugin.routing.RoutingTable;
import io.metagroup.plugin.routing.RoutingView;
import io.metagroup.plugin.topology.ClusterTopologyView;
import io.metagroup.plugin.topology.NodeAddress;
import io.metagroup.plugin.topology.NodeInfo;
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
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Applies routing changes to the live routing table; every other entry is Applied without effect.
 *
 * <ul>
 *   <li>ReassignVShard: the vShard now belongs to the new group; when the table knows that group, its leader hint
 *       becomes the new leaseholder. A vShard outside 0..1023 is Rejected (here and before the log).</li>
 *   <li>LeadershipTransfer: the group's leader hint becomes the new leader.</li>
 *   <li>RemoveMember: the node leaves the group's learners or members; a leader hint naming it is cleared. A
 *       removal that would leave fewer members than the group's replication factor is Rejected.</li>
 * </ul>
 * A change naming a group the table does not know, or a node the group does not hold, is Applied without effect,
 * as in the seed design.
 *
 * <p><b>Migration aborts.</b> Each applier reacts to the entries that concern it, so this applier applies the
 * compensations of a {@link MetadataEntry.MigrationAbort} itself, in order, inside the proposal's transaction
 * (the migration plugin only deletes the migration's row):
 * <ul>
 *   <li>RemoveLearner{group, peer}: the peer leaves the group's learners;</li>
 *   <li>RemoveVoter{group, peer}: the peer leaves the group's members, under the same replication-factor rule as
 *       RemoveMember;</li>
 *   <li>RestoreLeaderHint{group, peer}: the group's leader hint becomes the peer;</li>
 *   <li>RemoveGhostStub{vshard}: the table keeps no ghost stubs, so nothing changes (a vShard outside 0..1023 is
 *       Rejected).</li>
 * </ul>
 * A compensation that is refused refuses the whole MigrationAbort: the proposal is Rejected and its transaction
 * aborted on every applier, so none of its compensations takes effect and the migration's row stays.
 *
 * <p>A transaction stages only the vShards and groups it touches; commit merges them into the committed state.
 * Readers get an immutable {@link RoutingTable}, built on the first read after a commit and cached until the next.
 */
final class RoutingApplier extends InMemoryApplier implements RoutingView {
    private final ClusterTopologyView topology;
    /** Committed vShard → group; 0 where unassigned. */
    private final long[] groupOf = new long[RoutingTable.VSHARD_COUNT];
    private final boolean[] assigned = new boolean[RoutingTable.VSHARD_COUNT];
    private final TreeMap<Long, GroupInfo> groups = new TreeMap<>(Long::compareUnsigned);
    /** Guards the committed state between the apply thread's writes and readers building a view. */
    private final Object lock = new Object();
    /** The view of the committed state, or null when a commit made it stale. */
    private volatile RoutingTable view;

    RoutingApplier(ClusterTopologyView topology, RoutingTable genesis) {
        this.topology = Objects.requireNonNull(topology, "topology");
        install(genesis);
    }

    @Override
    public String id() {
        return RoutingPlugin.ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        if (entry instanceof RoutingChange.ReassignVShard reassign) {
            return Optional.ofNullable(vshardProblem(reassign.vshardId(), "reassignVShard"));
        }
        if (entry instanceof MetadataEntry.MigrationAbort abort) {
            for (Compensation c : abort.compensations()) {
                if (c instanceof Compensation.RemoveGhostStub stub) {
                    String problem = vshardProblem(stub.vshardId(), "removeGhostStub");
                    if (problem != null) {
                        return Optional.of("migration " + abort.migrationId() + " abort refused: " + problem);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new StagedChanges();
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        table().writeTo(out);
    }

    @Override
    protected void restoreState(InputStream in) throws IOException {
        install(RoutingTable.readFrom(in));
    }

    @Override
    public RoutingTable table() {
        RoutingTable current = view;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (view == null) {
                Map<Integer, Long> assignments = new TreeMap<>();
                for (int v = 0; v < RoutingTable.VSHARD_COUNT; v++) {
                    if (assigned[v]) {
                        assignments.put(v, groupOf[v]);
                    }
                }
                view = RoutingTable.of(assignments, groups.values());
            }
            return view;
        }
    }

    @Override
    public Optional<NodeAddress> leaderAddress(int vshard) {
        OptionalLong leader = table().leaderOf(vshard);
        if (leader.isEmpty()) {
            return Optional.empty();
        }
        return topology.topology().node(leader.getAsLong()).map(NodeInfo::address);
    }

    private void install(RoutingTable table) {
        synchronized (lock) {
            for (int v = 0; v < RoutingTable.VSHARD_COUNT; v++) {
                OptionalLong group = table.groupOf(v);
                assigned[v] = group.isPresent();
                groupOf[v] = group.orElse(0);
            }
            groups.clear();
            table.groups().forEach(g -> groups.put(g.groupId(), g));
            view = table;
        }
    }

    /** What is wrong with {@code vshardId} as a vShard, or null. */
    private static String vshardProblem(long vshardId, String field) {
        return vshardId >= 0 && vshardId < RoutingTable.VSHARD_COUNT ? null
                : field + ".vshardId " + vshardId + " is outside 0.." + (RoutingTable.VSHARD_COUNT - 1);
    }

    /** One proposal's changes: the vShards and groups it touched. */
    private final class StagedChanges implements Transaction, RoutingChange.Visitor<Outcome>,
            Compensation.Visitor<Outcome> {
        private Map<Integer, Long> stagedVShards;
        private Map<Long, GroupInfo> stagedGroups;

        @Override
        public Outcome apply(MetadataEntry entry) {
            if (entry instanceof RoutingChange change) {
                return change.acceptRouting(this);
            }
            if (entry instanceof MetadataEntry.MigrationAbort abort) {
                return compensate(abort);
            }
            return Outcome.applied();
        }

        @Override
        public void commit() {
            if (stagedVShards == null && stagedGroups == null) {
                return;
            }
            synchronized (lock) {
                if (stagedVShards != null) {
                    stagedVShards.forEach((v, g) -> {
                        groupOf[v] = g;
                        assigned[v] = true;
                    });
                }
                if (stagedGroups != null) {
                    groups.putAll(stagedGroups);
                }
                view = null;
            }
            abort();
        }

        @Override
        public void abort() {
            stagedVShards = null;
            stagedGroups = null;
        }

        private Outcome compensate(MetadataEntry.MigrationAbort abort) {
            List<Compensation> compensations = abort.compensations();
            for (int i = 0; i < compensations.size(); i++) {
                if (compensations.get(i).accept(this) instanceof Outcome.Rejected rejected) {
                    return Outcome.rejected("migration " + abort.migrationId() + " abort refused: compensation "
                            + (i + 1) + " of " + compensations.size() + ": " + rejected.reason());
                }
            }
            return Outcome.applied();
        }

        @Override
        public Outcome reassignVShard(RoutingChange.ReassignVShard c) {
            String problem = vshardProblem(c.vshardId(), "reassignVShard");
            if (problem != null) {
                return Outcome.rejected(problem);
            }
            if (stagedVShards == null) {
                stagedVShards = new LinkedHashMap<>();
            }
            stagedVShards.put((int) c.vshardId(), c.newGroupId());
            GroupInfo group = group(c.newGroupId());
            if (group != null) {
                stage(group.withLeader(c.newLeaseholderNodeId()));
            }
            return Outcome.applied();
        }

        @Override
        public Outcome leadershipTransfer(RoutingChange.LeadershipTransfer c) {
            return setLeader(c.groupId(), c.newLeaderNodeId());
        }

        @Override
        public Outcome removeMember(RoutingChange.RemoveMember c) {
            GroupInfo group = group(c.groupId());
            if (group != null && group.isLearner(c.nodeId())) {
                stage(group.withoutLearner(c.nodeId()));
                return Outcome.applied();
            }
            return removeVoter(group, c.nodeId(), "removeMember");
        }

        @Override
        public Outcome removeLearner(Compensation.RemoveLearner c) {
            GroupInfo group = group(c.groupId());
            if (group != null && group.isLearner(c.peerId())) {
                stage(group.withoutLearner(c.peerId()));
            }
            return Outcome.applied();
        }

        @Override
        public Outcome removeVoter(Compensation.RemoveVoter c) {
            return removeVoter(group(c.groupId()), c.peerId(), "removeVoter");
        }

        @Override
        public Outcome restoreLeaderHint(Compensation.RestoreLeaderHint c) {
            return setLeader(c.groupId(), c.peerId());
        }

        @Override
        public Outcome removeGhostStub(Compensation.RemoveGhostStub c) {
            String problem = vshardProblem(c.vshardId(), "removeGhostStub");
            return problem == null ? Outcome.applied() : Outcome.rejected(problem);
        }

        private Outcome setLeader(long groupId, long leader) {
            GroupInfo group = group(groupId);
            if (group != null) {
                stage(group.withLeader(leader));
            }
            return Outcome.applied();
        }

        private Outcome removeVoter(GroupInfo group, long nodeId, String what) {
            if (group == null || !group.isMember(nodeId)) {
                return Outcome.applied();
            }
            int left = group.members().size() - 1;
            if (left < group.replicationFactor()) {
                return Outcome.rejected(what + " of node " + Long.toUnsignedString(nodeId) + " from group "
                        + Long.toUnsignedString(group.groupId()) + " refused: it would leave " + left
                        + " members, below the group's replication factor " + group.replicationFactor());
            }
            stage(group.withoutMember(nodeId));
            return Outcome.applied();
        }

        /** The group as this transaction sees it, or null. */
        private GroupInfo group(long groupId) {
            if (stagedGroups != null) {
                GroupInfo staged = stagedGroups.get(groupId);
                if (staged != null) {
                    return staged;
                }
            }
            return groups.get(groupId);
        }

        private void stage(GroupInfo group) {
            if (stagedGroups == null) {
                stagedGroups = new LinkedHashMap<>();
            }
            stagedGroups.put(group.groupId(), group);
        }
    }
}
