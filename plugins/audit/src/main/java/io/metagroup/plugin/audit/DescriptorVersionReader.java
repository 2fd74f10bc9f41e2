package io.metagroup.plugin.audit;

import io.metagroup.model.Bytes;
import java.util.List;

/**
 * The optional convention by which a host has its descriptor versions written into audit records: the catalog
 * payload of a {@code CatalogDdlAudited} entry is opaque to Metagroup, so only the host can say which descriptors a
 * statement changed and from which version to which. A host that wants them provides one implementation as a
 * {@link java.util.ServiceLoader} service ({@code provides io.metagroup.plugin.audit.DescriptorVersionReader with
 * ...}); without one, records hold no versions. More than one provider is a start-up error.
 *
 * <p>The reader runs inside apply, so it must be a pure function of the payload (no clock, no I/O, no state), and
 * every node of a group must run the same one: its output is part of each record and so of the chain head that the
 * digest compares across nodes. A reader that throws is treated as reporting no versions.
 */
public interface DescriptorVersionReader {

    /** The descriptors {@code payload} changes, in the order to record them; empty when it names none. */
    List<DescriptorVersionChange> versions(Bytes payload);
}
