package io.metagroup.model;

/**
 * Identifies one proposal across retries: a retried proposal with a key already applied returns its first
 * outcome and is not applied again.
 *
 * @param proposerId a proposer session's id, unique in the cluster (unsigned 64-bit)
 * @param sequence   the proposal's number within that session (unsigned 64-bit), increasing
 */
public record IdempotencyKey(long proposerId, long sequence) implements Comparable<IdempotencyKey> {
    @Override
    public int compareTo(IdempotencyKey other) {
        int byProposer = Long.compareUnsigned(proposerId, other.proposerId);
        return byProposer != 0 ? byProposer : Long.compareUnsigned(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(proposerId, 16) + "/" + Long.toUnsignedString(sequence);
    }
}
