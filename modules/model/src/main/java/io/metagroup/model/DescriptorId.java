package io.metagroup.model;

import java.util.Comparator;

/**
 * Names one catalog descriptor.
 *
 * @param tenantId tenant, unsigned 32-bit
 * @param kind     what the descriptor is
 * @param name     its name within the tenant and kind; not empty
 */
public record DescriptorId(long tenantId, DescriptorKind kind, String name) implements Comparable<DescriptorId> {
    private static final Comparator<DescriptorId> ORDER = Comparator.comparingLong(DescriptorId::tenantId)
            .thenComparing(id -> id.kind().name())
            .thenComparing(DescriptorId::name);

    public DescriptorId {
        Check.u32(tenantId, "descriptorId.tenantId");
        Check.notNull(kind, "descriptorId.kind");
        Check.nonEmpty(name, "descriptorId.name");
    }

    /**
     * Tenant, then kind by its name, then name (UTF-16 order): a total order for canonical encodings and digests.
     * Kinds compare by name, not by declaration order, so reordering {@link DescriptorKind} changes no digest.
     */
    @Override
    public int compareTo(DescriptorId other) {
        return ORDER.compare(this, other);
    }
}
