package io.metagroup.raft.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.model.Hlc;
import io.metagroup.model.LogRecord;
import io.metagroup.model.Proposal;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on the proposing node: proposals submitted while earlier records are in flight are coalesced into
 * one log record (up to a count and a byte size), each keeping its own idempotency key and getting its own outcome.
 * A proposal completes once its record is applied on this node. A request the group could not take (no leader, a
 * timeout inside Ratis) is sent again with the same keys until the proposal's own deadline; a request refused at
 * the door is split so that only the offending proposal fails.
 */
public final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
    private static final long RETRY_DELAY_MS = 100;

    /** Sends an encoded request record to the leader; completes with the committed index and encoded outcomes. */
    public interface Transport {
        CompletableFuture<Reply> send(byte[] request);
    }

    /**
     * A committed request.
     *
     * @param index    the log index of its record
     * @param outcomes the encoded outcomes ({@link Wire#encodeOutcomes})
     */
    public record Reply(long index, byte[] outcomes) {
    }

    /** A proposal waiting for its record. */
    public static final class Pending {
        final Proposal proposal;
        final int size;
        final CompletableFuture<ProposalResult> future;
        boolean solo;

        /** A proposal of {@code size} encoded bytes, completed through {@code future}. */
        public Pending(Proposal proposal, int size, CompletableFuture<ProposalResult> future) {
            this.proposal = proposal;
            this.size = size;
            this.future = future;
        }
    }

    private final EntryCodec codec;
    private final Transport transport;
    private final AppliedWatch watch;
    private final ScheduledExecutorService timer;
    private final int maxProposals;
    private final int maxBytes;
    private final int maxInFlight;
    private final int queueCapacity;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Proposals sent and not yet answered, so that close() can fail them too. */
    private final Set<Pending> sent = Collections.newSetFromMap(new IdentityHashMap<>());
    private int inFlight;
    private boolean closed;

    /** A batcher sending through {@code transport}. */
    public Batcher(EntryCodec codec, Transport transport, AppliedWatch watch, ScheduledExecutorService timer,
                   int maxProposals, int maxBytes, int maxInFlight) {
        this.codec = codec;
        this.transport = transport;
        this.watch = watch;
        this.timer = timer;
        this.maxProposals = maxProposals;
        this.maxBytes = maxBytes;
        this.maxInFlight = maxInFlight;
        this.queueCapacity = Math.max(1024, maxProposals * maxInFlight * 64);
    }

    /** Queues a proposal. */
    public void submit(Pending p) {
        synchronized (this) {
            if (closed) {
                p.future.completeExceptionally(closedError(p));
                return;
            }
            if (queue.size() >= queueCapacity) {
                p.future.completeExceptionally(new ProposalException(ProposalException.Kind.UNAVAILABLE,
                        p.proposal.key(), queueCapacity + " proposals already queued on this node"));
                return;
            }
            queue.addLast(p);
        }
        pump();
    }

    private void pump() {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (closed || inFlight >= maxInFlight) {
                    return;
                }
                batch = take();
                if (batch.isEmpty()) {
                    return;
                }
                inFlight++;
                sent.addAll(batch);
            }
            send(batch);
        }
    }

    /** The next batch; proposals already given up (timed out) are dropped. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        while (!queue.isEmpty()) {
            Pending next = queue.peekFirst();
            if (next.future.isDone()) {
                queue.pollFirst();
                continue;
            }
            boolean fits = batch.isEmpty()
                    || (!next.solo && !batch.get(0).solo && batch.size() < maxProposals && bytes + next.size <= maxBytes);
            if (!fits) {
                break;
            }
            batch.add(queue.pollFirst());
            bytes += next.size;
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        byte[] request;
        try {
            request = codec.encodeRecord(new LogRecord(Hlc.ZERO, batch.stream().map(p -> p.proposal).toList()));
        } catch (CodecException e) {
            finished(batch);
            refused(batch, new ProposalException(Door.kindOf(e), null, e.getMessage(), e));
            return;
        }
        CompletableFuture<Reply> answer;
        try {
            answer = transport.send(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((reply, error) -> {
            finished(batch);
            if (error == null) {
                committed(batch, reply);
            } else {
                failed(batch, error);
            }
        });
    }

    private void finished(List<Pending> batch) {
        synchronized (this) {
            inFlight--;
            batch.forEach(sent::remove);
        }
        pump();
    }

    private void committed(List<Pending> batch, Reply reply) {
        List<Outcome> outcomes;
        try {
            outcomes = Wire.decodeOutcomes(reply.outcomes());
        } catch (IOException e) {
            batch.forEach(p -> p.future.completeExceptionally(new ProposalException(ProposalException.Kind.UNAVAILABLE,
                    p.proposal.key(), "unreadable reply for index " + reply.index() + ": " + e.getMessage(), e)));
            return;
        }
        if (outcomes.size() != batch.size()) {
            batch.forEach(p -> p.future.completeExceptionally(new ProposalException(ProposalException.Kind.UNAVAILABLE,
                    p.proposal.key(), "reply for index " + reply.index() + " has " + outcomes.size()
                    + " outcomes for " + batch.size() + " proposals")));
            return;
        }
        watch.await(reply.index()).whenComplete((applied, error) -> {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                if (error != null) {
                    p.future.completeExceptionally(new ProposalException(ProposalException.Kind.CLOSED,
                            p.proposal.key(), "committed at index " + reply.index()
                            + " but this node closed before applying it", error));
                } else {
                    p.future.complete(new ProposalResult(reply.index(), p.proposal.key(), outcomes.get(i)));
                }
            }
        });
    }

    private void failed(List<Pending> batch, Throwable error) {
        Optional<ProposalException> refusal = Wire.refusalIn(error, null);
        if (refusal.isPresent() && refusal.get().kind() != ProposalException.Kind.FAULTED) {
            refused(batch, refusal.get());
            return;
        }
        LOG.debug("request of {} proposals not committed, sending again: {}", batch.size(), error.toString());
        try {
            timer.schedule(() -> requeue(batch, false), RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            requeue(batch, false); // the timer is shut down: the group is closing, and requeue fails them as closed
        }
    }

    /** A refused batch: a single proposal fails; several are tried one by one to find the offender. */
    private void refused(List<Pending> batch, ProposalException why) {
        if (batch.size() == 1) {
            Pending p = batch.get(0);
            p.future.completeExceptionally(new ProposalException(why.kind(), p.proposal.key(),
                    why.getMessage().replaceFirst("^[A-Z_]+: ", ""), why));
            return;
        }
        requeue(batch, true);
    }

    private void requeue(List<Pending> batch, boolean solo) {
        synchronized (this) {
            if (closed) {
                batch.forEach(p -> p.future.completeExceptionally(closedError(p)));
                return;
            }
            for (int i = batch.size() - 1; i >= 0; i--) {
                Pending p = batch.get(i);
                p.solo |= solo;
                if (!p.future.isDone()) {
                    queue.addFirst(p);
                }
            }
        }
        pump();
    }

    private static ProposalException closedError(Pending p) {
        return new ProposalException(ProposalException.Kind.CLOSED, p.proposal.key(), "the group handle is closed");
    }

    @Override
    public void close() {
        List<Pending> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(queue);
            left.addAll(sent);
            queue.clear();
            sent.clear();
        }
        left.forEach(p -> p.future.completeExceptionally(closedError(p)));
    }
}
