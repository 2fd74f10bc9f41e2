package io.metagroup.plugin.audit;

import io.metagroup.model.Hlc;
import io.metagroup.model.Sha256;
import java.util.List;
import java.util.Objects;

/**
 * One audit record: who ran which DDL statement, when (the leader HLC of its log record), at which log index, and
 * what it changed, chained to the record before it.
 *
 * @param seq         the record's number in the chain, from 1
 * @param index       the log index of the entry
 * @param ordinal     the position of the entry among the audited entries of that log index, from 0
 * @param hlc         the leader HLC stamped on the log record
 * @param userId      the authenticated user id at propose time
 * @param userName    the authenticated user name at propose time
 * @param statement   the raw statement as the client sent it
 * @param versions    descriptor versions before and after, when the host supplies them (see
 *                    {@link DescriptorVersionReader}); empty otherwise
 * @param payloadHash SHA-256 of the entry's catalog payload
 * @param chainHash   SHA-256 over the previous record's chain hash (32 zero bytes for the first) and this record's
 *                    encoding
 */
public record AuditRecord(long seq, long index, int ordinal, Hlc hlc, String userId, String userName,
                          String statement, List<DescriptorVersionChange> versions, Sha256 payloadHash,
                          Sha256 chainHash) {
    public AuditRecord {
        Objects.requireNonNull(hlc, "hlc");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(statement, "statement");
        versions = List.copyOf(versions);
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(chainHash, "chainHash");
    }
}
