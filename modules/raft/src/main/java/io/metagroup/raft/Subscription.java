package io.metagroup.raft;

/** A live subscription; closing it ends delivery with {@link SubscriptionEnd.Closed}. */
public interface Subscription extends AutoCloseable {

    /** Stops delivery. Idempotent. */
    @Override
    void close();
}
