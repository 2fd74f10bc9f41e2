package io.metagroup.plugin.audit;

import java.util.Objects;

/**
 * One descriptor a DDL statement changed, with its version before and after, as a host's
 * {@link DescriptorVersionReader} reports it.
 *
 * @param descriptor the host's name for the descriptor (for example {@code "tenant 1 collection orders"})
 * @param before     its version before the statement
 * @param after      its version after the statement
 */
public record DescriptorVersionChange(String descriptor, long before, long after) {
    public DescriptorVersionChange {
        Objects.requireNonNull(descriptor, "descriptor");
    }
}
