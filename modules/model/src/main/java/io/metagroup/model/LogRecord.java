package io.metagroup.model;

import java.util.List;

/**
 * What one Raft log entry of the metadata group holds: the HLC the leader stamped when it accepted the record, and
 * one or more independent proposals (several is group commit; each gets its own outcome).
 *
 * @param leaderHlc the leader's stamp; every time-based rule of apply compares against it
 * @param proposals the proposals (copied), at least one
 */
public record LogRecord(Hlc leaderHlc, List<Proposal> proposals) {
    public LogRecord {
        Check.notNull(leaderHlc, "logRecord.leaderHlc");
        proposals = Check.list(proposals, "logRecord.proposals");
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("logRecord.proposals must not be empty");
        }
    }

    /** A record of a single proposal. */
    public static LogRecord of(Hlc leaderHlc, Proposal proposal) {
        return new LogRecord(leaderHlc, List.of(proposal));
    }
}
