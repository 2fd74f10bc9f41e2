package io.metagroup.raft.internal;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.TopologyChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What membership the applied log asks for: a node that joined (Join applied) must become a listener, then a voter;
 * a node promoted (PromoteToVoter applied) must be a voter; a node that left (Leave applied) must be out of the
 * configuration. Part of the replicated state and of every snapshot, so that a new leader's reconciler resumes a
 * change the previous leader left half done. Apply thread writes; other threads read a published copy.
 */
public final class MembershipIntents {

    /** Where a node is headed. */
    public enum Target {
        /** Joined: add as listener, promote once caught up. */
        JOINING,
        /** Promoted: must be a voter. */
        VOTER,
        /** Left: must not be in the configuration. */
        LEFT
    }

    /** How many keys of topology proposals are remembered per node, to ignore re-applied duplicates. */
    private static final int KEYS_KEPT = 8;

    /**
     * One node's intent.
     *
     * @param address   its address from the Join entry
     * @param target    where it is headed
     * @param joinIndex log index of the Join that started it (names the promotion proposal)
     * @param keys      keys of the last topology proposals about this node that took effect (oldest first)
     */
    public record Intent(String address, Target target, long joinIndex, List<IdempotencyKey> keys) {
        public Intent {
            keys = List.copyOf(keys);
        }

        Intent with(String newAddress, Target newTarget, long newJoinIndex, IdempotencyKey key) {
            List<IdempotencyKey> kept = new ArrayList<>(keys);
            kept.add(key);
            if (kept.size() > KEYS_KEPT) {
                kept.remove(0);
            }
            return new Intent(newAddress, newTarget, newJoinIndex, kept);
        }
    }

    private final TreeMap<Long, Intent> intents = new TreeMap<>(Long::compareUnsigned);
    private volatile NavigableMap<Long, Intent> published = new TreeMap<>(Long::compareUnsigned);

    /** The current intents, keyed by node id (unsigned order). */
    public NavigableMap<Long, Intent> view() {
        return published;
    }

    /**
     * Takes the effect of a proposal whose outcome is Applied. The dedup table answers a retried proposal with its
     * first outcome without applying it again; such a duplicate is recognised here by its key, so a Join retried
     * after a Leave does not bring the node back.
     */
    public void apply(long index, IdempotencyKey key, MetadataEntry entry) {
        boolean changed = applyOne(index, key, entry);
        if (changed) {
            publish();
        }
    }

    private boolean applyOne(long index, IdempotencyKey key, MetadataEntry entry) {
        if (entry instanceof MetadataEntry.Batch batch) {
            boolean changed = false;
            for (MetadataEntry e : batch.entries()) {
                changed |= applyOne(index, key, e);
            }
            return changed;
        }
        if (!(entry instanceof TopologyChange change)) {
            return false;
        }
        Intent now = intents.get(change.nodeId());
        if (now != null && now.keys().contains(key)) {
            return false; // a duplicate of a proposal that already took effect here
        }
        return change.acceptTopology(new TopologyChange.Visitor<Boolean>() {
            @Override
            public Boolean join(TopologyChange.Join c) {
                if (now != null && now.target() != Target.LEFT && now.address().equals(c.addr())) {
                    return false; // a repeated Join is idempotent
                }
                Intent base = now == null ? new Intent(c.addr(), Target.JOINING, index, List.of()) : now;
                intents.put(c.nodeId(), base.with(c.addr(), Target.JOINING, index, key));
                return true;
            }

            @Override
            public Boolean leave(TopologyChange.Leave c) {
                Intent base = now == null ? new Intent("", Target.LEFT, index, List.of()) : now;
                intents.put(c.nodeId(), base.with(base.address(), Target.LEFT, base.joinIndex(), key));
                return true;
            }

            @Override
            public Boolean promoteToVoter(TopologyChange.PromoteToVoter c) {
                if (now == null || now.target() != Target.JOINING) {
                    return false;
                }
                intents.put(c.nodeId(), now.with(now.address(), Target.VOTER, now.joinIndex(), key));
                return true;
            }

            @Override
            public Boolean startDecommission(TopologyChange.StartDecommission c) {
                return false; // draining keeps the node in the Raft configuration
            }

            @Override
            public Boolean finishDecommission(TopologyChange.FinishDecommission c) {
                return false; // removal from the configuration is Leave
            }
        });
    }

    private void publish() {
        TreeMap<Long, Intent> copy = new TreeMap<>(Long::compareUnsigned);
        copy.putAll(intents);
        published = java.util.Collections.unmodifiableNavigableMap(copy);
    }

    /** Deterministic encoding, in node-id order. */
    public byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(intents.size());
            for (Map.Entry<Long, Intent> e : intents.entrySet()) {
                out.writeLong(e.getKey());
                out.writeUTF(e.getValue().address());
                out.writeByte(e.getValue().target().ordinal());
                out.writeLong(e.getValue().joinIndex());
                out.writeByte(e.getValue().keys().size());
                for (IdempotencyKey k : e.getValue().keys()) {
                    out.writeLong(k.proposerId());
                    out.writeLong(k.sequence());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Replaces the intents with a decoded snapshot section. */
    public void restore(byte[] section) throws IOException {
        TreeMap<Long, Intent> restored = new TreeMap<>(Long::compareUnsigned);
        if (section.length > 0) {
            try (var in = new DataInputStream(new ByteArrayInputStream(section))) {
                int n = in.readInt();
                if (n < 0 || n > section.length) {
                    throw new IOException("membership section: bad count " + n);
                }
                Target[] targets = Target.values();
                for (int i = 0; i < n; i++) {
                    long node = in.readLong();
                    String addr = in.readUTF();
                    int t = in.readUnsignedByte();
                    if (t >= targets.length) {
                        throw new IOException("membership section: unknown target " + t + " for node "
                                + Long.toUnsignedString(node));
                    }
                    long joinIndex = in.readLong();
                    int nKeys = in.readUnsignedByte();
                    if (nKeys > KEYS_KEPT) {
                        throw new IOException("membership section: " + nKeys + " keys for node "
                                + Long.toUnsignedString(node) + ", at most " + KEYS_KEPT);
                    }
                    List<IdempotencyKey> keys = new ArrayList<>(nKeys);
                    for (int k = 0; k < nKeys; k++) {
                        keys.add(new IdempotencyKey(in.readLong(), in.readLong()));
                    }
                    restored.put(node, new Intent(addr, targets[t], joinIndex, keys));
                }
                if (in.available() != 0) {
                    throw new IOException("membership section: " + in.available() + " trailing bytes");
                }
            }
        }
        intents.clear();
        intents.putAll(restored);
        publish();
    }
}
