package io.metagroup.spi;

import io.metagroup.model.Hlc;
import java.util.Objects;

/**
 * Where an entry is applied: its log index and the HLC the leader stamped on its record. Every time-based rule of
 * apply (drain expiry, token expiry) compares against {@link #leaderHlc()}, never a local clock.
 *
 * @param index     the Raft log index of the record, at least 1
 * @param leaderHlc the record's leader HLC
 */
public record ApplyContext(long index, Hlc leaderHlc) {
    public ApplyContext {
        if (index < 1) {
            throw new IllegalArgumentException("log index must be at least 1, got " + index);
        }
        Objects.requireNonNull(leaderHlc, "leaderHlc");
    }
}
