package io.metagroup.raft;

/**
 * Receives applied entries in log order on a delivery thread of its own subscription, never on the apply thread.
 */
public interface SubscriptionListener {

    /** The next applied proposal. */
    void onEntry(AppliedEntry entry);

    /** No more entries will come, and why. Called once. */
    void onEnd(SubscriptionEnd end);
}
