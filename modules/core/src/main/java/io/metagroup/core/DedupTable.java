package io.metagroup.core;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated dedup table: the first outcome of every recent proposal, by idempotency key. Changed only by
 * applying the log, so it is the same on every node; it is part of the snapshot and of the digest.
 *
 * <p>Bounded: per proposer, the outcomes of its last {@code window} applied sequences (the oldest applied goes
 * first); a sequence at or below the highest one forgotten is refused as too old rather than applied a second
 * time. At most {@code maxProposers} proposers: a new one evicts the proposer whose last proposal was applied at
 * the lowest index (ties: lowest id), whose retries would then apply again. Per proposer, lookups are by hash and
 * the applied order is kept in a ring, so both cost O(1); the canonical encoding walks proposers by id and each
 * proposer's sequences in applied order.
 */
final class DedupTable {
    static final int DEFAULT_WINDOW = 1024;
    static final int DEFAULT_MAX_PROPOSERS = 1024;

    private static final int APPLIED = 0;
    private static final int REJECTED = 1;

    private final int window;
    private final int maxProposers;
    private final TreeMap<Long, Proposer> proposers = new TreeMap<>(Long::compareUnsigned);

    /** One proposer's remembered outcomes: by sequence for lookup, and in applied order for eviction. */
    private static final class Proposer {
        final HashMap<Long, Outcome> outcomes = new HashMap<>();
        long[] order = new long[8];
        int head;
        long lastIndex;
        boolean evicted;
        long evictedUpTo;

        int size() {
            return outcomes.size();
        }

        long sequenceAt(int i) {
            return order[(head + i) % order.length];
        }

        /** Remembers a new sequence last; forgets the oldest one when that makes more than {@code window}. */
        void append(long sequence, Outcome outcome, int window) {
            if (outcomes.putIfAbsent(sequence, outcome) != null) {
                throw new IllegalStateException("sequence " + Long.toUnsignedString(sequence) + " is remembered already");
            }
            int size = outcomes.size() - 1;
            if (size == window) {
                long oldest = order[head];
                outcomes.remove(oldest);
                head = (head + 1) % order.length;
                size--;
                if (!evicted || Long.compareUnsigned(oldest, evictedUpTo) > 0) {
                    evictedUpTo = oldest;
                }
                evicted = true;
            } else if (size == order.length) {
                long[] grown = new long[Math.min(window, order.length * 2)];
                for (int i = 0; i < size; i++) {
                    grown[i] = sequenceAt(i);
                }
                order = grown;
                head = 0;
            }
            order[(head + size) % order.length] = sequence;
        }
    }

    DedupTable() {
        this(DEFAULT_WINDOW, DEFAULT_MAX_PROPOSERS);
    }

    DedupTable(int window, int maxProposers) {
        if (window < 1 || maxProposers < 1) {
            throw new IllegalArgumentException("dedup bounds must be positive, got window " + window
                    + " and maxProposers " + maxProposers);
        }
        this.window = window;
        this.maxProposers = maxProposers;
    }

    /** The first outcome of {@code key} if it is remembered. */
    Optional<Outcome> remembered(IdempotencyKey key) {
        Proposer proposer = proposers.get(key.proposerId());
        return proposer == null ? Optional.empty() : Optional.ofNullable(proposer.outcomes.get(key.sequence()));
    }

    /**
     * What a proposal with {@code key} comes to without being applied: its first outcome, or a refusal when its
     * sequence is older than its proposer's window. Null when it must be applied.
     */
    Outcome settled(IdempotencyKey key) {
        Proposer proposer = proposers.get(key.proposerId());
        if (proposer == null) {
            return null;
        }
        Outcome first = proposer.outcomes.get(key.sequence());
        if (first != null) {
            return first;
        }
        if (proposer.evicted && Long.compareUnsigned(key.sequence(), proposer.evictedUpTo) <= 0) {
            return Outcome.rejected("idempotency key " + key + " is older than the dedup window of its proposer"
                    + " (sequences up to " + Long.toUnsignedString(proposer.evictedUpTo)
                    + " are forgotten): it may already have been applied, so it is not applied again");
        }
        return null;
    }

    /** Remembers the first outcome of {@code key}, applied in the record at {@code index}. */
    void remember(IdempotencyKey key, Outcome outcome, long index) {
        if (!(outcome instanceof Outcome.Applied) && !(outcome instanceof Outcome.Rejected)) {
            throw new IllegalArgumentException("only Applied and Rejected outcomes are replicated, got " + outcome);
        }
        Proposer proposer = proposers.get(key.proposerId());
        if (proposer == null) {
            if (proposers.size() >= maxProposers) {
                evictLeastRecentProposer();
            }
            proposer = new Proposer();
            proposers.put(key.proposerId(), proposer);
        }
        proposer.lastIndex = index;
        proposer.append(key.sequence(), outcome, window);
    }

    private void evictLeastRecentProposer() {
        Long victim = null;
        long victimIndex = Long.MAX_VALUE;
        // Ascending id order: the first proposer with the lowest index wins ties.
        for (Map.Entry<Long, Proposer> entry : proposers.entrySet()) {
            if (entry.getValue().lastIndex < victimIndex) {
                victim = entry.getKey();
                victimIndex = entry.getValue().lastIndex;
            }
        }
        proposers.remove(victim);
    }

    Sha256 digest() {
        return StateOutput.digest(this::write);
    }

    void write(StateOutput out) throws IOException {
        out.i32(proposers.size());
        for (Map.Entry<Long, Proposer> entry : proposers.entrySet()) {
            Proposer proposer = entry.getValue();
            out.i64(entry.getKey());
            out.i64(proposer.lastIndex);
            out.bool(proposer.evicted);
            out.i64(proposer.evictedUpTo);
            out.i32(proposer.size());
            for (int i = 0; i < proposer.size(); i++) {
                long sequence = proposer.sequenceAt(i);
                out.i64(sequence);
                if (proposer.outcomes.get(sequence) instanceof Outcome.Rejected rejected) {
                    out.u8(REJECTED);
                    out.string(rejected.reason());
                } else {
                    out.u8(APPLIED);
                }
            }
        }
    }

    /** A table read from what {@link #write} wrote, with this table's bounds. */
    DedupTable read(StateInput in) throws IOException {
        DedupTable table = new DedupTable(window, maxProposers);
        int count = in.count("proposer count");
        if (count > maxProposers) {
            throw in.malformed("holds " + count + " proposers, more than the bound " + maxProposers);
        }
        for (int i = 0; i < count; i++) {
            String field = "proposer[" + i + "]";
            long id = in.i64(field + ".id");
            if (!table.proposers.isEmpty() && Long.compareUnsigned(table.proposers.lastKey(), id) >= 0) {
                throw in.malformed(field + " is out of order or repeated");
            }
            Proposer proposer = new Proposer();
            proposer.lastIndex = in.i64(field + ".lastIndex");
            boolean evicted = in.bool(field + ".evicted");
            long evictedUpTo = in.i64(field + ".evictedUpTo");
            int outcomes = in.count(field + ".outcome count");
            if (outcomes > window) {
                throw in.malformed(field + " holds " + outcomes + " outcomes, more than the window " + window);
            }
            for (int j = 0; j < outcomes; j++) {
                String at = field + ".outcome[" + j + "]";
                long sequence = in.i64(at + ".sequence");
                if (proposer.outcomes.containsKey(sequence)) {
                    throw in.malformed(at + " repeats sequence " + Long.toUnsignedString(sequence));
                }
                int tag = in.u8(at + ".kind");
                if (tag == APPLIED) {
                    proposer.append(sequence, Outcome.applied(), window);
                } else if (tag == REJECTED) {
                    proposer.append(sequence, Outcome.rejected(in.string(at + ".reason")), window);
                } else {
                    throw in.malformed(at + " has unknown outcome kind " + tag);
                }
            }
            // set after the outcomes: appending them up to the window evicts nothing
            proposer.evicted = evicted;
            proposer.evictedUpTo = evictedUpTo;
            table.proposers.put(id, proposer);
        }
        in.expectEnd();
        return table;
    }
}
