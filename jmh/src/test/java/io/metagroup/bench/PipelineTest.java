package io.metagroup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void keepsExactlyTheInFlightCountOutstandingAndMeasuresEachRequest() throws Exception {
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Pipeline pipeline = new Pipeline(n -> {
            most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            CompletableFuture<Void> done = new CompletableFuture<>();
            timer.schedule(() -> {
                outstanding.decrementAndGet();
                done.complete(null);
            }, 2, TimeUnit.MILLISECONDS);
            return done;
        }, 8);
        Pipeline.Result r = pipeline.run(100, 300, 1_000_000);
        assertThat(most.get()).isEqualTo(8);
        assertThat(r.completed()).isPositive();
        assertThat(r.p50Micros()).isGreaterThanOrEqualTo(2_000);
        assertThat(r.errors()).isZero();
        assertThat(r.drained()).isTrue();
        assertThat(outstanding.get()).isZero();
    }

    @Test
    void stopsAtTheRequestBound() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        Pipeline pipeline = new Pipeline(n -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, 4);
        Pipeline.Result r = pipeline.run(0, 60_000, 500);
        assertThat(r.completed()).isEqualTo(500);
        assertThat(sent.get()).isEqualTo(500);
    }

    @Test
    void countsFailuresAndReportsAStalledTarget() throws Exception {
        Pipeline failing = new Pipeline(n -> CompletableFuture.failedFuture(new IllegalStateException("no")), 1);
        assertThat(failing.step(100)).isTrue();
        assertThat(failing.errors()).isEqualTo(1);
        assertThat(failing.firstError()).hasMessage("no");

        Pipeline stalled = new Pipeline(n -> new CompletableFuture<>(), 1);
        assertThat(stalled.step(100)).isTrue();
        assertThat(stalled.step(100)).isFalse();
        assertThat(stalled.drain(50)).isFalse();
    }
}
