package io.metagroup.raft;

import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.spi.Outcome;

/**
 * One proposal as it was applied on this node, delivered to subscribers in log order.
 *
 * @param index   the log index of its record (several proposals may share one index: group commit)
 * @param hlc     the HLC apply used for the record
 * @param key     the proposal's idempotency key
 * @param entry   the entry
 * @param outcome what applying it came to
 */
public record AppliedEntry(long index, Hlc hlc, IdempotencyKey key, MetadataEntry entry, Outcome outcome) {
}
