package io.metagroup.raft.client.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.core.MetadataCache;
import io.metagroup.core.MetadataCore;
import io.metagroup.model.Sha256;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.client.StateSummary;
import io.metagroup.raft.internal.AppliedFeed;
import io.metagroup.raft.internal.AppliedWatch;
import io.metagroup.spi.MetadataApplier;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A member's answers to remote clients' read-only queries ({@link QueryWire}), given from its state machine. Never
 * touches the log; runs on Ratis' request threads (a summary that waits for an index, on the applied watch's
 * notifier).
 */
public final class QueryAnswers {
    /** Most entries a history page holds, whatever a client asks for. */
    public static final int MAX_PAGE = 1024;
    /** The answer of a node that does not run yet. */
    public static final String STARTING = "node is starting";
    private static final long MAX_WAIT_MILLIS = 60_000;

    private final MetadataCore core;
    private final EntryCodec codec;
    private final AppliedFeed feed;
    private final AppliedWatch watch;
    private final Supplier<Optional<String>> fault;
    private volatile Supplier<GroupStatus> status;

    /** Answers from {@code core}, {@code feed} and {@code watch}; {@code fault} tells whether apply halted here. */
    public QueryAnswers(MetadataCore core, EntryCodec codec, AppliedFeed feed, AppliedWatch watch,
                        Supplier<Optional<String>> fault) {
        this.core = core;
        this.codec = codec;
        this.feed = feed;
        this.watch = watch;
        this.fault = fault;
    }

    /** Where status answers come from, once the node runs. */
    public void statusSource(Supplier<GroupStatus> source) {
        this.status = source;
    }

    /** The encoded answer to an encoded query; fails with an IOException saying why it cannot be answered. */
    public CompletableFuture<byte[]> answer(byte[] request) {
        try {
            QueryWire.Query query = QueryWire.decodeQuery(request);
            if (query instanceof QueryWire.Status) {
                Supplier<GroupStatus> source = status;
                if (source == null) {
                    throw new IOException(STARTING);
                }
                return CompletableFuture.completedFuture(QueryWire.encodeStatus(source.get()));
            } else if (query instanceof QueryWire.Summary s) {
                return summary(s);
            } else if (query instanceof QueryWire.History h) {
                return CompletableFuture.completedFuture(history(h));
            } else if (query instanceof QueryWire.PluginState ps) {
                MetadataApplier applier = core.applier(ps.pluginId(), MetadataApplier.class);
                return afterApplied(ps.minIndex(), ps.waitMillis(), () -> core.consistently(() -> section(applier)));
            }
            throw new IOException("unhandled query " + query);
        } catch (IOException | CodecException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof IOException ? e : new IOException(e.toString(), e));
        }
    }

    private CompletableFuture<byte[]> summary(QueryWire.Summary s) throws IOException {
        return afterApplied(s.minIndex(), s.waitMillis(), () -> QueryWire.encodeSummary(summarize()));
    }

    /** {@code answer} once this member applied {@code minIndex}, waiting at most {@code waitMillis}. */
    private CompletableFuture<byte[]> afterApplied(long minIndex, long waitMillis, Supplier<byte[]> answer)
            throws IOException {
        Optional<String> halted = fault.get();
        if (halted.isPresent()) {
            throw new IOException("this node halted apply and serves no reads: " + halted.get());
        }
        long wait = Math.max(0, Math.min(waitMillis, MAX_WAIT_MILLIS));
        return watch.await(minIndex).orTimeout(wait, TimeUnit.MILLISECONDS).handle((applied, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(cause instanceof TimeoutException
                        ? new IOException("not applied up to index " + minIndex + " within " + wait + " ms (applied "
                        + watch.applied() + ")", cause)
                        : cause);
            }
            return answer.get();
        });
    }

    /** The applier's snapshot section as it is now. */
    private static byte[] section(MetadataApplier applier) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            applier.writeSnapshot(out);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        return out.toByteArray();
    }

    /** The state as applied now, all of it at one index. */
    private StateSummary summarize() {
        long nodeId = status == null ? 0 : status.get().nodeId();
        return core.consistently(() -> {
            MetadataCache c = core.cache();
            return new StateSummary(nodeId, core.appliedIndex(), core.digest(),
                    core.pluginSet().stream().map(p -> p.id() + "@" + p.version()).toList(), c.clusterVersion(),
                    c.surrogateHwm(), c.catalogDdlCount(), c.lastRecordHlc(), c.hlcWatermark(), c.leases(),
                    c.drains(), c.topologyLog().size(), c.routingLog().size());
        });
    }

    private byte[] history(QueryWire.History h) throws CodecException {
        long applied = watch.applied();
        int max = Math.min(h.maxEntries(), MAX_PAGE);
        Optional<List<AppliedEntry>> held = feed.history(h.fromIndex(), max);
        if (held.isEmpty()) {
            return QueryWire.encodePage(new QueryWire.Page(feed.lowestHeld(), true, h.fromIndex(), List.of()), codec);
        }
        List<AppliedEntry> entries = held.get();
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).index();
        // a full page may have stopped inside what is applied; a short one holds every record applied so far
        long next = entries.size() >= max ? last + 1 : Math.max(h.fromIndex(), Math.max(applied, last) + 1);
        return QueryWire.encodePage(new QueryWire.Page(feed.lowestHeld(), false, next, entries), codec);
    }
}
