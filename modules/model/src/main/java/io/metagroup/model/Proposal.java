package io.metagroup.model;

/**
 * One independent proposal inside a log record: an entry and the key that makes its retries idempotent.
 *
 * @param key   idempotency key
 * @param entry the entry
 */
public record Proposal(IdempotencyKey key, MetadataEntry entry) {
    public Proposal {
        Check.notNull(key, "proposal.key");
        Check.notNull(entry, "proposal.entry");
    }
}
