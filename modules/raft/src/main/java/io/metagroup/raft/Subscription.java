package io.metagroup.raft;

/** A live subscription; closing it ends delivery with {@link SubscriptionEnd.Closed}. */
public interface Subscription extends AutoCloseable {

    /**
     * Why the subscription ended, as soon as it is decided; a listener blocked in {@code onEntry} learns it from
     * {@code onEnd} only after it returns, a host may look here meanwhile.
     */
    java.util.Optional<SubscriptionEnd> end();

    /** Stops delivery. Idempotent. */
    @Override
    void close();
}
