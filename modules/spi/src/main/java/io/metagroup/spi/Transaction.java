package io.metagroup.spi;

import io.metagroup.model.MetadataEntry;

/**
 * One proposal's staged changes in one applier. The composite applier calls {@link #apply} for each entry of the
 * proposal in order (a {@link MetadataEntry.Batch} is flattened, so an applier never sees one), then either
 * {@link #prepare} and {@link #commit} on every applier, or {@link #abort} on every applier.
 *
 * <p>A later {@code apply} sees the effects of the earlier ones; nothing is visible outside the transaction, and
 * nothing reaches a durable store, before {@link #commit}. Apply is a pure function of (state, entry, context):
 * no wall clock, randomness, DNS, environment or hash-order iteration.
 */
public interface Transaction {

    /**
     * Stages one entry. Returns {@link Outcome.Applied} (also for entries this applier does not handle) or
     * {@link Outcome.Rejected}; never {@link Outcome.LocalFault}. Must not throw for any valid entry.
     */
    Outcome apply(MetadataEntry entry);

    /**
     * Writes the staged changes to the applier's durable store, uncommitted where the store allows it. Called only
     * when every applier accepted every entry. An in-memory applier does nothing.
     *
     * @throws LocalFaultException when the store fails; the node then halts at this index
     */
    default void prepare() throws LocalFaultException {}

    /** Makes the staged changes the applier's state. Called after every applier prepared; must not fail. */
    void commit();

    /** Drops the staged changes. Called when any applier rejected, or a prepare failed. */
    void abort();
}
