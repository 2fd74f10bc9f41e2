package io.metagroup.raft;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of a node. {@link #defaults()} holds the values that mattered in trials on two cores; tests shrink the
 * snapshot threshold and purge gap to force log compaction.
 *
 * @param rpcTimeoutMin        Raft election timeout, lower bound (at least 300 ms by default)
 * @param rpcTimeoutMax        Raft election timeout, upper bound
 * @param requestTimeout       how long one Raft client request may take before Ratis retries it
 * @param proposeTimeout       how long {@code propose} waits before failing with a retryable timeout
 * @param snapshotThreshold    take a snapshot every this many applied entries; 0 turns automatic snapshots off
 * @param purgeGap             purge the log in steps of this many entries once a snapshot covers them
 * @param purgeUptoSnapshot    purge up to the snapshot even when a follower still needs the entries (it then
 *                             installs the snapshot)
 * @param snapshotsRetained    how many valid snapshot files to keep
 * @param batchMaxProposals    group commit: at most this many proposals in one log record
 * @param batchMaxBytes        group commit: at most about this many encoded bytes in one log record
 * @param maxInFlight          group commit: records of one node in flight at once; the next batch forms meanwhile
 * @param historyRetained      applied entries kept in memory for subscribers that start behind
 * @param subscriberBuffer     entries buffered per subscriber before it is dropped with an overflow signal
 * @param reconcileInterval    how often the leader's membership reconciler runs
 * @param catchUpSlack         a listener within this many entries of the commit index counts as caught up
 */
public record Tuning(
        Duration rpcTimeoutMin,
        Duration rpcTimeoutMax,
        Duration requestTimeout,
        Duration proposeTimeout,
        long snapshotThreshold,
        int purgeGap,
        boolean purgeUptoSnapshot,
        int snapshotsRetained,
        int batchMaxProposals,
        int batchMaxBytes,
        int maxInFlight,
        int historyRetained,
        int subscriberBuffer,
        Duration reconcileInterval,
        long catchUpSlack) {

    public Tuning {
        Objects.requireNonNull(rpcTimeoutMin, "rpcTimeoutMin");
        Objects.requireNonNull(rpcTimeoutMax, "rpcTimeoutMax");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(proposeTimeout, "proposeTimeout");
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        if (rpcTimeoutMax.compareTo(rpcTimeoutMin) <= 0) {
            throw new IllegalArgumentException("rpcTimeoutMax must be above rpcTimeoutMin");
        }
        positive(snapshotThreshold + 1, "snapshotThreshold must be >= 0");
        positive(purgeGap, "purgeGap must be >= 1");
        positive(snapshotsRetained, "snapshotsRetained must be >= 1");
        positive(batchMaxProposals, "batchMaxProposals must be >= 1");
        positive(batchMaxBytes, "batchMaxBytes must be >= 1");
        positive(maxInFlight, "maxInFlight must be >= 1");
        positive(historyRetained, "historyRetained must be >= 1");
        positive(subscriberBuffer, "subscriberBuffer must be >= 1");
        positive(catchUpSlack + 1, "catchUpSlack must be >= 0");
    }

    private static void positive(long value, String message) {
        if (value < 1) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The defaults: election timeout 300–600 ms, snapshot every 10,000 entries, 256 proposals per record, one record
     * in flight per node. A record costs far more than a proposal (a Raft round: appends, three fsyncs, applies, about
     * 70 thread hand-offs), so proposals that arrive while a record is out wait and go together in the next one; a
     * second record in flight only split them into smaller records and, on two cores, halved throughput at 16–64
     * proposals in flight (docs/BENCHMARKS.md).
     */
    public static Tuning defaults() {
        return new Tuning(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofSeconds(3), Duration.ofSeconds(30),
                10_000, 1024, false, 2, 256, 1 << 20, 1, 8192, 1024, Duration.ofMillis(200), 16);
    }

    /** A copy with automatic snapshots every {@code threshold} entries and the log purged in steps of {@code gap}. */
    public Tuning withCompaction(long threshold, int gap, boolean uptoSnapshot) {
        return new Tuning(rpcTimeoutMin, rpcTimeoutMax, requestTimeout, proposeTimeout, threshold, gap, uptoSnapshot,
                snapshotsRetained, batchMaxProposals, batchMaxBytes, maxInFlight, historyRetained, subscriberBuffer,
                reconcileInterval, catchUpSlack);
    }

    /** A copy whose {@code propose} gives up after {@code timeout}. */
    public Tuning withProposeTimeout(Duration timeout) {
        return new Tuning(rpcTimeoutMin, rpcTimeoutMax, requestTimeout, timeout, snapshotThreshold, purgeGap,
                purgeUptoSnapshot, snapshotsRetained, batchMaxProposals, batchMaxBytes, maxInFlight, historyRetained,
                subscriberBuffer, reconcileInterval, catchUpSlack);
    }

    /** A copy whose membership reconciler runs every {@code interval}. */
    public Tuning withReconcileInterval(Duration interval) {
        return new Tuning(rpcTimeoutMin, rpcTimeoutMax, requestTimeout, proposeTimeout, snapshotThreshold, purgeGap,
                purgeUptoSnapshot, snapshotsRetained, batchMaxProposals, batchMaxBytes, maxInFlight, historyRetained,
                subscriberBuffer, interval, catchUpSlack);
    }

    /**
     * A copy with other group commit limits: {@code proposals} and {@code bytes} per record, {@code inFlight} records
     * of this node outstanding at once ({@code proposals} 1 turns group commit off).
     */
    public Tuning withBatching(int proposals, int bytes, int inFlight) {
        return new Tuning(rpcTimeoutMin, rpcTimeoutMax, requestTimeout, proposeTimeout, snapshotThreshold, purgeGap,
                purgeUptoSnapshot, snapshotsRetained, proposals, bytes, inFlight, historyRetained, subscriberBuffer,
                reconcileInterval, catchUpSlack);
    }

    /** A copy with other subscriber limits. */
    public Tuning withSubscriberLimits(int history, int buffer) {
        return new Tuning(rpcTimeoutMin, rpcTimeoutMax, requestTimeout, proposeTimeout, snapshotThreshold, purgeGap,
                purgeUptoSnapshot, snapshotsRetained, batchMaxProposals, batchMaxBytes, maxInFlight, history, buffer,
                reconcileInterval, catchUpSlack);
    }
}
