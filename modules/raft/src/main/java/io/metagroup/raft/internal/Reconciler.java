package io.metagroup.raft.internal;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.TopologyChange;
import io.metagroup.raft.ProposalResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's membership reconciler: brings the Raft configuration to what the applied log asks for, one step per
 * run. Join → add as LISTENER → once caught up, setConfiguration with it as a voter → propose PromoteToVoter; Leave →
 * remove. Every step is derived from (replicated intents, current configuration), so a new leader resumes a change
 * that a crashed leader left half done; the PromoteToVoter proposal has a key fixed by the Join's index, so a
 * repeated proposal is applied once.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /**
     * Reconciler proposals use proposer id {@code TOP_BIT | nodeId} and the Join's index as sequence: one proposer per
     * joining node, increasing across rejoins. Sessions draw random proposer ids with the top bit clear.
     */
    static final long TOP_BIT = Long.MIN_VALUE;

    /** Changes the configuration; completes when committed. */
    public interface Admin {
        void setConfiguration(SetConfigurationRequest.Arguments arguments) throws Exception;
    }

    private final MembershipIntents intents;
    private final Admin admin;
    private final BiFunction<IdempotencyKey, MetadataEntry, CompletableFuture<ProposalResult>> propose;
    private final long catchUpSlack;
    private final Map<Long, CompletableFuture<ProposalResult>> promotions = new ConcurrentHashMap<>();

    /** A reconciler acting through {@code admin} and {@code propose}. */
    public Reconciler(MembershipIntents intents, Admin admin,
                      BiFunction<IdempotencyKey, MetadataEntry, CompletableFuture<ProposalResult>> propose,
                      long catchUpSlack) {
        this.intents = intents;
        this.admin = admin;
        this.propose = propose;
        this.catchUpSlack = catchUpSlack;
    }

    /** One step, if this node leads and the configuration is stable. */
    public void run(RaftServer.Division division) {
        if (!division.getInfo().isLeader() || !division.getInfo().isLeaderReady()) {
            return;
        }
        RaftConfiguration conf = division.getRaftConf();
        if (!conf.getPreviousPeers().isEmpty() || !conf.getPreviousPeers(RaftPeerRole.LISTENER).isEmpty()) {
            return; // a change is in progress
        }
        List<RaftPeer> voters = new ArrayList<>(conf.getCurrentPeers());
        List<RaftPeer> listeners = new ArrayList<>(conf.getCurrentPeers(RaftPeerRole.LISTENER));
        for (Map.Entry<Long, MembershipIntents.Intent> e : intents.view().entrySet()) {
            long node = e.getKey();
            MembershipIntents.Intent intent = e.getValue();
            RaftPeerId id = Ids.peerId(node);
            boolean voter = contains(voters, id);
            boolean listener = contains(listeners, id);
            try {
                switch (intent.target()) {
                    case JOINING, VOTER -> {
                        if (!voter && !listener) {
                            change(voters, listeners, withListener(listeners, node, intent.address()),
                                    "add node " + Long.toUnsignedString(node) + " as listener");
                            return;
                        }
                        if (listener && caughtUp(division, id)) {
                            List<RaftPeer> newVoters = new ArrayList<>(voters);
                            newVoters.add(RaftPeer.newBuilder().setId(id).setAddress(intent.address()).build());
                            change(voters, listeners, without(listeners, id), newVoters,
                                    "promote node " + Long.toUnsignedString(node) + " to voter");
                            return;
                        }
                        if (voter && intent.target() == MembershipIntents.Target.JOINING) {
                            proposePromotion(node, intent);
                        }
                    }
                    case LEFT -> {
                        if (voter || listener) {
                            change(voters, listeners, without(listeners, id), without(voters, id),
                                    "remove node " + Long.toUnsignedString(node));
                            return;
                        }
                    }
                }
            } catch (Exception ex) {
                LOG.info("membership step for node {} not done yet: {}", Long.toUnsignedString(node), ex.toString());
                return;
            }
        }
    }

    private void proposePromotion(long node, MembershipIntents.Intent intent) {
        promotions.compute(node, (k, running) -> {
            if (running != null && !running.isDone()) {
                return running;
            }
            IdempotencyKey key = new IdempotencyKey(TOP_BIT | node, intent.joinIndex());
            LOG.info("proposing PromoteToVoter for node {}", Long.toUnsignedString(node));
            return propose.apply(key, new TopologyChange.PromoteToVoter(node));
        });
    }

    private boolean caughtUp(RaftServer.Division division, RaftPeerId id) {
        long commit = division.getRaftLog().getLastCommittedIndex();
        for (CommitInfoProto info : division.getCommitInfos()) {
            if (RaftPeerId.valueOf(info.getServer().getId()).equals(id)) {
                return info.getCommitIndex() + catchUpSlack >= commit;
            }
        }
        return false;
    }

    private void change(List<RaftPeer> voters, List<RaftPeer> listeners, List<RaftPeer> newListeners, String what)
            throws Exception {
        change(voters, listeners, newListeners, voters, what);
    }

    private void change(List<RaftPeer> voters, List<RaftPeer> listeners, List<RaftPeer> newListeners,
                        List<RaftPeer> newVoters, String what) throws Exception {
        LOG.info("membership: {}", what);
        admin.setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
                .setServersInCurrentConf(voters)
                .setListenersInCurrentConf(listeners)
                .setServersInNewConf(newVoters)
                .setListenersInNewConf(newListeners)
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build());
    }

    private static List<RaftPeer> withListener(List<RaftPeer> listeners, long node, String address) {
        List<RaftPeer> out = new ArrayList<>(listeners);
        out.add(RaftPeer.newBuilder().setId(Ids.peerId(node)).setAddress(address)
                .setStartupRole(RaftPeerRole.LISTENER).build());
        return out;
    }

    private static List<RaftPeer> without(List<RaftPeer> peers, RaftPeerId id) {
        List<RaftPeer> out = new ArrayList<>(peers);
        out.removeIf(p -> p.getId().equals(id));
        return out;
    }

    private static boolean contains(Collection<RaftPeer> peers, RaftPeerId id) {
        return peers.stream().anyMatch(p -> p.getId().equals(id));
    }

    /** The in-flight promotion of a node, for tests and status. */
    public Optional<CompletableFuture<ProposalResult>> promotion(long node) {
        return Optional.ofNullable(promotions.get(node));
    }
}
