package io.metagroup.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps a fixed number of requests in flight against one target (a Metagroup leader or an etcd member) and records
 * each request's latency, from send to completion, in an HdrHistogram (microseconds). The load shape is the same
 * for every target: one sending thread, a semaphore of {@code inFlight} permits, completion callbacks.
 */
public final class Pipeline {
    /** Sends request number {@code n}; the future completes when the target has durably committed it. */
    @FunctionalInterface
    public interface Target {
        CompletableFuture<?> send(long n);
    }

    private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(120);

    private final Target target;
    private final int inFlight;
    private final Semaphore permits;
    private final Recorder recorder = new Recorder(MAX_LATENCY_MICROS, 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private long sent;

    /** A pipeline of {@code inFlight} requests against {@code target}. */
    public Pipeline(Target target, int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, got " + inFlight);
        }
        this.target = target;
        this.inFlight = inFlight;
        this.permits = new Semaphore(inFlight);
    }

    /** Requests kept in flight. */
    public int inFlight() {
        return inFlight;
    }

    /**
     * Waits up to {@code timeoutMillis} for a free slot, then sends the next request. Returns false when no slot
     * freed in time (the target stalled). Called from one thread.
     */
    public boolean step(long timeoutMillis) throws InterruptedException {
        if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        long start = System.nanoTime();
        CompletableFuture<?> future;
        try {
            future = target.send(sent++);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((result, error) -> {
            if (error == null) {
                long micros = (System.nanoTime() - start) / 1_000;
                recorder.recordValue(Math.min(Math.max(micros, 1), MAX_LATENCY_MICROS));
            } else {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error);
            }
            permits.release();
        });
        return true;
    }

    /** The latencies completed since the previous call (the first call: since start). */
    public Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    /** Waits up to {@code timeoutMillis} for every request in flight to complete; true when they did. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        if (!permits.tryAcquire(inFlight, timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(inFlight);
        return true;
    }

    /** Requests that failed so far. */
    public long errors() {
        return errors.get();
    }

    /** The first failure, if any, for the report. */
    public Throwable firstError() {
        return firstError.get();
    }

    /**
     * Runs the pipeline for {@code warmupMillis}, discards those latencies, then measures for {@code measureMillis}
     * or {@code maxRequests} sends, whichever ends first, and drains (bounded). Never runs past its time bounds by
     * more than the stall and drain timeouts.
     */
    public Result run(long warmupMillis, long measureMillis, long maxRequests) throws InterruptedException {
        long stallMillis = 30_000;
        long warmupEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        while (System.nanoTime() < warmupEnd) {
            if (!step(stallMillis)) {
                throw new IllegalStateException("no request completed within " + stallMillis + " ms during warm-up");
            }
        }
        interval();
        long errorsBefore = errors();
        ProcessCounters before = ProcessCounters.now();
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(measureMillis);
        for (long n = 0; n < maxRequests && System.nanoTime() < end; n++) {
            if (!step(stallMillis)) {
                throw new IllegalStateException("no request completed within " + stallMillis + " ms");
            }
        }
        Histogram window = interval();
        ProcessCounters after = ProcessCounters.now();
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean drained = drain(stallMillis);
        long completed = window.getTotalCount();
        return new Result(inFlight, completed, seconds, window.getValueAtPercentile(50),
                window.getValueAtPercentile(99), window.getValueAtPercentile(99.9), errors() - errorsBefore, drained,
                after.cpuMicrosPer(before, completed), after.jitMicrosPer(before, completed),
                after.switchesPer(before, completed));
    }

    /**
     * One measured window.
     *
     * @param inFlight   requests kept in flight
     * @param completed  requests that completed inside the window
     * @param seconds    the window's length
     * @param p50Micros  median latency
     * @param p99Micros  99th percentile
     * @param p999Micros 99.9th percentile
     * @param errors     requests that failed in the window
     * @param drained    whether every request in flight completed after the window
     * @param cpuMicrosPerOp   CPU time of this JVM per completed request (client, and the nodes for Metagroup)
     * @param jitMicrosPerOp   of that, the JIT compiler threads' CPU time per completed request
     * @param switchesPerOp    context switches of this JVM's threads per completed request
     */
    public record Result(int inFlight, long completed, double seconds, long p50Micros, long p99Micros,
                         long p999Micros, long errors, boolean drained, double cpuMicrosPerOp, double jitMicrosPerOp,
                         double switchesPerOp) {
        /** Completed requests per second. */
        public double perSecond() {
            return completed / seconds;
        }
    }
}
