package io.metagroup.model;

/**
 * A node's lease on one version of a descriptor.
 *
 * @param descriptorId the descriptor
 * @param version      the descriptor version leased, unsigned 64-bit
 * @param nodeId       the holder, unsigned 64-bit
 * @param expiresAt    when the lease lapses
 */
public record DescriptorLease(DescriptorId descriptorId, long version, long nodeId, Hlc expiresAt) {
    public DescriptorLease {
        Check.notNull(descriptorId, "lease.descriptorId");
        Check.notNull(expiresAt, "lease.expiresAt");
    }
}
