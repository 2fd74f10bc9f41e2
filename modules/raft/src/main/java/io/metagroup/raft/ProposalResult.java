package io.metagroup.raft;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.spi.Outcome;
import java.util.Objects;

/**
 * A proposal that was committed and applied on the node that proposed it.
 *
 * @param index   the log index of the record that carried it
 * @param key     its idempotency key
 * @param outcome Applied, or Rejected with the reason (deterministic, the same on every node)
 */
public record ProposalResult(long index, IdempotencyKey key, Outcome outcome) {
    public ProposalResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** True when the entry took effect. */
    public boolean applied() {
        return outcome.isApplied();
    }
}
