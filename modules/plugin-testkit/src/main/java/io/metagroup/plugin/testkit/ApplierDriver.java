package io.metagroup.plugin.testkit;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives one applier through the SPI the way the composite does, so a plugin's tests need no core: each record
 * goes to the next index above {@link MetadataApplier#appliedIndex()}; each proposal gets its own
 * {@link Transaction}, whose entries are the proposal's entry with every {@link MetadataEntry.Batch} flattened; the
 * first {@link Outcome.Rejected} aborts the transaction, otherwise it is prepared and committed; then
 * {@link MetadataApplier#finishRecord} marks the record applied. The leader HLC of the record at index {@code i}
 * is {@code (i * 1000, 0)} unless given.
 */
public final class ApplierDriver {
    private final MetadataApplier applier;

    /** A driver of {@code applier}. */
    public ApplierDriver(MetadataApplier applier) {
        this.applier = Objects.requireNonNull(applier, "applier");
    }

    /** The applier driven. */
    public MetadataApplier applier() {
        return applier;
    }

    /** Applies a record holding the one proposal {@code entry}; returns its outcome. */
    public Outcome apply(MetadataEntry entry) {
        return record(entry).get(0);
    }

    /** Applies a record holding one proposal per entry, in order; returns their outcomes. */
    public List<Outcome> record(MetadataEntry... proposals) {
        long index = applier.appliedIndex() + 1;
        return record(new Hlc(index * 1000, 0), proposals);
    }

    /**
     * Applies a record stamped {@code leaderHlc}. When a proposal's prepare fails, its outcome is a
     * {@link Outcome.LocalFault}, the remaining proposals are not applied and the record is not finished.
     */
    public List<Outcome> record(Hlc leaderHlc, MetadataEntry... proposals) {
        ApplyContext context = new ApplyContext(applier.appliedIndex() + 1, leaderHlc);
        List<Outcome> outcomes = new ArrayList<>();
        for (MetadataEntry proposal : proposals) {
            Outcome outcome = propose(context, proposal);
            outcomes.add(outcome);
            if (outcome instanceof Outcome.LocalFault) {
                return outcomes;
            }
        }
        try {
            applier.finishRecord(context.index());
        } catch (LocalFaultException e) {
            outcomes.add(new Outcome.LocalFault(e.getMessage()));
        }
        return outcomes;
    }

    private Outcome propose(ApplyContext context, MetadataEntry proposal) {
        Transaction tx = applier.begin(context);
        for (MetadataEntry leaf : flatten(proposal)) {
            Outcome outcome = tx.apply(leaf);
            if (outcome instanceof Outcome.LocalFault) {
                throw new AssertionError("Transaction.apply must never return LocalFault, got " + outcome);
            }
            if (outcome instanceof Outcome.Rejected) {
                tx.abort();
                return outcome;
            }
        }
        try {
            tx.prepare();
        } catch (LocalFaultException e) {
            tx.abort();
            return new Outcome.LocalFault(e.getMessage());
        }
        tx.commit();
        return Outcome.applied();
    }

    /** The leaves of {@code entry} in order: itself, or the flattened sub-entries of a (nested) Batch. */
    public static List<MetadataEntry> flatten(MetadataEntry entry) {
        List<MetadataEntry> leaves = new ArrayList<>();
        addLeaves(entry, leaves);
        return leaves;
    }

    private static void addLeaves(MetadataEntry entry, List<MetadataEntry> leaves) {
        if (entry instanceof MetadataEntry.Batch batch) {
            batch.entries().forEach(sub -> addLeaves(sub, leaves));
        } else {
            leaves.add(entry);
        }
    }

    /** The snapshot section {@code applier} writes now. */
    public static byte[] snapshot(MetadataApplier applier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            applier.writeSnapshot(out);
        } catch (IOException e) {
            throw new AssertionError("writing a snapshot to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Restores {@code section} into {@code applier} at {@code index}. */
    public static void restore(MetadataApplier applier, byte[] section, long index) throws IOException {
        applier.restoreSnapshot(new ByteArrayInputStream(section), index);
    }
}
