package io.metagroup.raft.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The applied index of this node and the futures waiting for it. The apply thread only records the index; the
 * waiters are completed on the notifier executor, so a waiter's continuation never runs on (or blocks) apply.
 */
public final class AppliedWatch {
    private final Executor notifier;
    private final TreeMap<Long, List<CompletableFuture<Long>>> waiters = new TreeMap<>();
    private volatile long applied;

    /** A watch that completes waiters on {@code notifier}. */
    public AppliedWatch(Executor notifier) {
        this.notifier = notifier;
    }

    /** The applied index. */
    public long applied() {
        return applied;
    }

    /** Completes when the applied index reaches {@code index}, with the applied index at that time. */
    public CompletableFuture<Long> await(long index) {
        synchronized (waiters) {
            long now = applied;
            if (now >= index) {
                return CompletableFuture.completedFuture(now);
            }
            var f = new CompletableFuture<Long>();
            waiters.computeIfAbsent(index, k -> new ArrayList<>(1)).add(f);
            return f;
        }
    }

    /** Records that everything up to {@code index} is applied. */
    public void advance(long index) {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        synchronized (waiters) {
            if (index <= applied) {
                return;
            }
            applied = index;
            var head = waiters.headMap(index, true);
            for (Map.Entry<Long, List<CompletableFuture<Long>>> e : head.entrySet()) {
                done.addAll(e.getValue());
            }
            head.clear();
        }
        if (!done.isEmpty()) {
            Runnable complete = () -> done.forEach(f -> f.complete(index));
            try {
                notifier.execute(complete);
            } catch (RejectedExecutionException closing) {
                complete.run(); // the node is closing: no continuation can hold apply up any more
            }
        }
    }

    /** Fails every waiter (the node is closing). */
    public void failAll(Throwable why) {
        List<CompletableFuture<Long>> all = new ArrayList<>();
        synchronized (waiters) {
            waiters.values().forEach(all::addAll);
            waiters.clear();
        }
        all.forEach(f -> f.completeExceptionally(why));
    }
}
