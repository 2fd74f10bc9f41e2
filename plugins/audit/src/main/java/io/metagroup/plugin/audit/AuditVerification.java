package io.metagroup.plugin.audit;

import io.metagroup.model.Sha256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of {@link AuditLog#verify}.
 *
 * @param recordsChecked   records whose chain hash was checked, up to the first problem
 * @param segments         segment files read
 * @param chainHead        the chain hash of the last record checked (32 zero bytes before any)
 * @param lastAuditedIndex the log index of the last record checked, or 0
 * @param problem          the first problem found, if any
 * @param notes            things worth knowing that are not problems (for example a segment that starts from a
 *                         snapshot anchor, so the records before it are not held here)
 */
public record AuditVerification(long recordsChecked, int segments, Sha256 chainHead, long lastAuditedIndex,
                                Optional<AuditProblem> problem, List<String> notes) {
    public AuditVerification {
        Objects.requireNonNull(chainHead, "chainHead");
        Objects.requireNonNull(problem, "problem");
        notes = List.copyOf(notes);
    }

    /** True when no problem was found. */
    public boolean ok() {
        return problem.isEmpty();
    }
}
