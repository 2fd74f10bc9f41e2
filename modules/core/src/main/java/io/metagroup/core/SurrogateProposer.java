package io.metagroup.core;

import io.metagroup.model.MetadataEntry;
import io.metagroup.spi.Outcome;
import java.util.concurrent.CompletionStage;

/** How a {@link SurrogateAllocator} gets its {@code SurrogateAlloc} entries into the log. */
@FunctionalInterface
public interface SurrogateProposer {

    /**
     * Proposes {@code entry} to the metadata group. The stage completes with the entry's outcome once it is
     * committed and applied on this node (so the cache's surrogate high-watermark reflects it), or exceptionally
     * when it could not be committed (lost leadership, timeout).
     */
    CompletionStage<Outcome> propose(MetadataEntry.SurrogateAlloc entry);
}
