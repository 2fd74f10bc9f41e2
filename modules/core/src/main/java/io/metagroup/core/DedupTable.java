package io.metagroup.core;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated dedup table: the first outcome of every recent proposal, by idempotency key. Changed only by
 * applying the log, so it is the same on every node; it is part of the snapshot and of the digest.
 *
 * <p>Bounded: per proposer, the outcomes of its {@code window} highest sequences; a sequence at or below the
 * highest one evicted is refused as too old rather than applied a second time. At most {@code maxProposers}
 * proposers: a new one evicts the proposer whose last proposal was applied at the lowest index (ties: lowest id),
 * whose retries would then apply again.
 */
final class DedupTable {
    static final int DEFAULT_WINDOW = 1024;
    static final int DEFAULT_MAX_PROPOSERS = 1024;

    private static final int APPLIED = 0;
    private static final int REJECTED = 1;

    private final int window;
    private final int maxProposers;
    private final TreeMap<Long, Proposer> proposers = new TreeMap<>(Long::compareUnsigned);

    private static final class Proposer {
        final TreeMap<Long, Outcome> outcomes = new TreeMap<>(Long::compareUnsigned);
        long lastIndex;
        boolean evicted;
        long evictedUpTo;
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
        proposer.outcomes.put(key.sequence(), outcome);
        if (proposer.outcomes.size() > window) {
            proposer.evictedUpTo = proposer.outcomes.pollFirstEntry().getKey();
            proposer.evicted = true;
        }
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
            out.i32(proposer.outcomes.size());
            for (Map.Entry<Long, Outcome> remembered : proposer.outcomes.entrySet()) {
                out.i64(remembered.getKey());
                if (remembered.getValue() instanceof Outcome.Rejected rejected) {
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
            proposer.evicted = in.bool(field + ".evicted");
            proposer.evictedUpTo = in.i64(field + ".evictedUpTo");
            int outcomes = in.count(field + ".outcome count");
            if (outcomes > window) {
                throw in.malformed(field + " holds " + outcomes + " outcomes, more than the window " + window);
            }
            for (int j = 0; j < outcomes; j++) {
                String at = field + ".outcome[" + j + "]";
                long sequence = in.i64(at + ".sequence");
                if (!proposer.outcomes.isEmpty() && Long.compareUnsigned(proposer.outcomes.lastKey(), sequence) >= 0) {
                    throw in.malformed(at + " is out of order or repeated");
                }
                int tag = in.u8(at + ".kind");
                if (tag == APPLIED) {
                    proposer.outcomes.put(sequence, Outcome.applied());
                } else if (tag == REJECTED) {
                    proposer.outcomes.put(sequence, Outcome.rejected(in.string(at + ".reason")));
                } else {
                    throw in.malformed(at + " has unknown outcome kind " + tag);
                }
            }
            table.proposers.put(id, proposer);
        }
        in.expectEnd();
        return table;
    }
}
