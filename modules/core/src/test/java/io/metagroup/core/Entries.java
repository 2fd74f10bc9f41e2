package io.metagroup.core;

import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import java.util.List;

/** Shorthands for the entries and records tests build. */
final class Entries {
    static final DescriptorId USERS = new DescriptorId(1, DescriptorKind.COLLECTION, "users");
    static final DescriptorId ORDERS = new DescriptorId(1, DescriptorKind.COLLECTION, "orders");

    private Entries() {}

    static Hlc hlc(long wallNanos) {
        return new Hlc(wallNanos, 0);
    }

    static MetadataEntry.DescriptorLeaseGrant grant(DescriptorId descriptor, long version, long nodeId, long expiresAt) {
        return new MetadataEntry.DescriptorLeaseGrant(new DescriptorLease(descriptor, version, nodeId, hlc(expiresAt)));
    }

    static MetadataEntry.DescriptorLeaseRelease release(long nodeId, DescriptorId... descriptors) {
        return new MetadataEntry.DescriptorLeaseRelease(nodeId, List.of(descriptors));
    }

    static MetadataEntry.DescriptorDrainStart drain(DescriptorId descriptor, long upToVersion, long expiresAt) {
        return new MetadataEntry.DescriptorDrainStart(descriptor, upToVersion, hlc(expiresAt));
    }

    static MetadataEntry.CatalogDdl ddl(int payload) {
        return new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {(byte) payload}));
    }

    static MetadataEntry.CatalogDdlAudited audited(String user, String sql) {
        return new MetadataEntry.CatalogDdlAudited(Bytes.of(new byte[] {1}), "id-" + user, user, sql);
    }

    static Proposal proposal(long proposer, long sequence, MetadataEntry entry) {
        return new Proposal(new IdempotencyKey(proposer, sequence), entry);
    }

    static LogRecord record(long wallNanos, Proposal... proposals) {
        return new LogRecord(hlc(wallNanos), List.of(proposals));
    }
}
