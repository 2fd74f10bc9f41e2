package io.metagroup.core;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    /** One proposer's remembered outcomes and what it forgot. */
    private static final class Proposer {
        final SequenceWindow window;
        long lastIndex;
        boolean evicted;
        long evictedUpTo;

        Proposer(int capacity) {
            this.window = new SequenceWindow(capacity);
        }

        void add(long sequence, Outcome outcome) {
            OptionalLong forgotten = window.add(sequence, outcome);
            if (forgotten.isPresent() && (!evicted || Long.compareUnsigned(forgotten.getAsLong(), evictedUpTo) > 0)) {
                evictedUpTo = forgotten.getAsLong();
                evicted = true;
            }
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
        return proposer == null ? Optional.empty() : Optional.ofNullable(proposer.window.get(key.sequence()));
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
        Outcome first = proposer.window.get(key.sequence());
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
            proposer = new Proposer(window);
            proposers.put(key.proposerId(), proposer);
        }
        proposer.lastIndex = index;
        proposer.add(key.sequence(), outcome);
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
            out.i32(proposer.window.size());
            for (int i = 0; i < proposer.window.size(); i++) {
                out.i64(proposer.window.sequenceAt(i));
                if (proposer.window.outcomeAt(i) instanceof Outcome.Rejected rejected) {
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
            Proposer proposer = new Proposer(window);
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
                if (proposer.window.get(sequence) != null) {
                    throw in.malformed(at + " repeats sequence " + Long.toUnsignedString(sequence));
                }
                int tag = in.u8(at + ".kind");
                if (tag == APPLIED) {
                    proposer.add(sequence, Outcome.applied());
                } else if (tag == REJECTED) {
                    proposer.add(sequence, Outcome.rejected(in.string(at + ".reason")));
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
