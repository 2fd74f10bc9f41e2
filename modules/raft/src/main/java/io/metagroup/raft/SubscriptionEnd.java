package io.metagroup.raft;

/** Why a subscription stopped delivering entries. */
public sealed interface SubscriptionEnd {

    /**
     * The subscription asked for entries that are no longer held in memory; resubscribe from a snapshot of the
     * state (read it, then subscribe from {@code firstAvailable}).
     *
     * @param requestedFrom  the index asked for
     * @param firstAvailable the lowest index still held
     */
    record Compacted(long requestedFrom, long firstAvailable) implements SubscriptionEnd {
    }

    /**
     * The subscriber fell too far behind: its buffer filled up and it was dropped so that apply never waits.
     *
     * @param capacity  the buffer size
     * @param lastIndex the index of the last entry delivered to it
     */
    record Overflow(int capacity, long lastIndex) implements SubscriptionEnd {
    }

    /** The subscription or the group was closed. */
    record Closed() implements SubscriptionEnd {
    }
}
