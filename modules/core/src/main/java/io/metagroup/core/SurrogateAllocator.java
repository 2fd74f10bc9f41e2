package io.metagroup.core;

import io.metagroup.model.MetadataEntry;
import io.metagroup.spi.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Hands out surrogate ids (unsigned 32-bit, from 1) on the metadata-group leader. Followers never allocate: an
 * allocator is active only between {@link #start()} and {@link #stop()}, which the host calls on gaining and losing
 * leadership.
 *
 * <p>It allocates ahead: an id is handed out only once a {@code SurrogateAlloc} covering it is committed and
 * applied, so the replicated high-watermark is always at or above every id ever handed out, and a new leader never
 * hands out an id an old one did. A reservation covers {@value #BLOCK} ids, so one {@code SurrogateAlloc} is
 * proposed per {@value #BLOCK} allocations; the next is proposed when half of the current one is used, so
 * allocation rarely waits. The seed instead hands ids out first and publishes the high-watermark every 1024
 * allocations or 200 ms; that flush timer is what bounds how far followers lag, and with reservations they never
 * lag, so there is no timer here.
 *
 * <p>On {@link #start()} it first proposes a fence ({@code SurrogateAlloc} of the high-watermark it sees, which
 * changes nothing): once the fence is applied, every entry committed before this leadership is applied too, and the
 * high-watermark read then is final. Only then is the first block reserved above it. Only the allocator may
 * propose {@code SurrogateAlloc}. Never call {@link #allocate} on the apply thread: it waits for apply.
 *
 * <p>Thread-safe.
 */
public final class SurrogateAllocator {
    /** Ids per reservation. */
    public static final int BLOCK = 1024;
    /** The largest surrogate id. */
    public static final long MAX_SURROGATE = 0xFFFF_FFFFL;

    private final SurrogateProposer proposer;
    private final LongSupplier appliedHwm;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private long epoch;
    private boolean leader;
    private boolean fenced;
    private long next;
    private long reserved;
    private boolean inFlight;
    private String failure;

    /**
     * @param proposer   proposes the allocator's entries
     * @param appliedHwm this node's applied surrogate high-watermark, usually {@code cache::surrogateHwm}
     */
    public SurrogateAllocator(SurrogateProposer proposer, LongSupplier appliedHwm) {
        this.proposer = Objects.requireNonNull(proposer, "proposer");
        this.appliedHwm = Objects.requireNonNull(appliedHwm, "appliedHwm");
    }

    /** Starts allocating: this node became the leader. Proposes the fence. */
    public void start() {
        lock.lock();
        try {
            epoch++;
            leader = true;
            fenced = false;
            propose(Math.min(appliedHwm.getAsLong(), MAX_SURROGATE));
        } finally {
            lock.unlock();
        }
    }

    /** Stops allocating: this node is no longer the leader. Waiting allocations fail; late completions are ignored. */
    public void stop() {
        lock.lock();
        try {
            epoch++;
            leader = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public boolean isActive() {
        lock.lock();
        try {
            return leader;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next id if one is reserved now; empty while a reservation is on its way.
     *
     * @throws IllegalStateException when not the leader, or every surrogate id is used
     */
    public OptionalLong tryAllocate() {
        lock.lock();
        try {
            return take();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next id, waiting up to {@code timeout} for a reservation to be applied.
     *
     * @throws IllegalStateException when not the leader (or no longer), when a reservation failed (the next call
     *                               proposes again), or when every surrogate id is used
     * @throws TimeoutException      when no reservation was applied in time
     */
    public long allocate(Duration timeout) throws InterruptedException, TimeoutException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            long myEpoch = epoch;
            while (true) {
                OptionalLong id = take();
                if (id.isPresent()) {
                    return id.getAsLong();
                }
                if (remaining <= 0) {
                    throw new TimeoutException("no surrogate reservation was applied within " + timeout);
                }
                remaining = changed.awaitNanos(remaining);
                if (epoch != myEpoch && !leader) {
                    throw new IllegalStateException("leadership was lost while waiting for a surrogate reservation");
                }
                if (failure != null) {
                    String reason = failure;
                    failure = null;
                    throw new IllegalStateException("surrogate reservation failed: " + reason);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private OptionalLong take() {
        if (!leader) {
            throw new IllegalStateException("not the metadata-group leader: only the leader allocates surrogate ids");
        }
        if (fenced && next <= reserved) {
            long id = next++;
            reserveAhead();
            return OptionalLong.of(id);
        }
        if (fenced && reserved == MAX_SURROGATE) {
            throw new IllegalStateException("every surrogate id up to " + MAX_SURROGATE + " is used");
        }
        reserveAhead();
        return OptionalLong.empty();
    }

    // Proposes the next block when less than half of the current one is left (and none is on its way).
    private void reserveAhead() {
        if (!leader || inFlight || reserved == MAX_SURROGATE) {
            return;
        }
        if (!fenced) {
            propose(Math.min(appliedHwm.getAsLong(), MAX_SURROGATE));
        } else if (reserved - next + 1 < BLOCK / 2) {
            propose(Math.min(reserved + BLOCK, MAX_SURROGATE));
        }
    }

    private void propose(long hwm) {
        inFlight = true;
        failure = null;
        long proposedIn = epoch;
        CompletionStage<Outcome> stage;
        try {
            stage = Objects.requireNonNull(proposer.propose(new MetadataEntry.SurrogateAlloc(hwm)), "propose returned null");
        } catch (RuntimeException e) {
            settle(proposedIn, hwm, null, e);
            return;
        }
        stage.whenComplete((outcome, error) -> settle(proposedIn, hwm, outcome, error));
    }

    private void settle(long proposedIn, long hwm, Outcome outcome, Throwable error) {
        lock.lock();
        try {
            if (proposedIn != epoch) {
                return;
            }
            inFlight = false;
            if (error != null || outcome == null || !outcome.isApplied()) {
                failure = "SurrogateAlloc(" + hwm + ") " + (error != null ? "failed: " + error : "came to " + outcome);
            } else {
                long applied = appliedHwm.getAsLong();
                if (applied < hwm) {
                    failure = "SurrogateAlloc(" + hwm + ") completed but the applied high-watermark is " + applied;
                } else if (!fenced || applied > hwm) {
                    // After the fence, or if something else raised the mark: nothing at or below it is ours.
                    fenced = true;
                    next = applied + 1;
                    reserved = applied;
                } else {
                    reserved = hwm;
                }
                reserveAhead();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
