package io.metagroup.core;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.Hlc;
import java.util.Objects;

/**
 * A drain on a descriptor's leases, as started by {@code DescriptorDrainStart}.
 *
 * @param descriptorId the descriptor
 * @param upToVersion  lease grants at a version at or below this (unsigned) are refused while the drain is live
 * @param expiresAt    the drain is live at record HLCs strictly before this one, and ignored from it on
 */
public record DescriptorDrain(DescriptorId descriptorId, long upToVersion, Hlc expiresAt) {
    public DescriptorDrain {
        Objects.requireNonNull(descriptorId, "descriptorId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True while the drain counts: {@code at} is before {@link #expiresAt()}. */
    public boolean isLiveAt(Hlc at) {
        return expiresAt.isAfter(at);
    }

    /** True when, at {@code at}, this drain refuses a lease on {@code version}. */
    public boolean refuses(long version, Hlc at) {
        return isLiveAt(at) && Long.compareUnsigned(version, upToVersion) <= 0;
    }
}
