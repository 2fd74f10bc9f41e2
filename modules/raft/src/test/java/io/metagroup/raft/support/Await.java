package io.metagroup.raft.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. */
public final class Await {
    private Await() {}

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the condition may fail while nodes restart; keep polling
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits until {@code value} gives a non-null result and returns it. */
    public static <T> T value(Duration timeout, String what, Supplier<T> value) {
        Object[] box = new Object[1];
        until(timeout, what, () -> (box[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
    }
}
