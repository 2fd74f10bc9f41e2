package io.metagroup.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Proposals per second through real Ratis over gRPC on loopback, durable, with {@code inFlight} 200-byte DDL
 * proposals kept outstanding on the leader, 1 and 3 nodes, with and without group commit. One op is one proposal
 * sent (at steady state, one completed); after each iteration the p50/p99/p999 latencies of the proposals completed
 * in it are printed ({@code e2e-latency ...} lines). The etcd comparison drives the same {@link Pipeline} from
 * {@link LoadGen}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class EndToEndBenchmark {
    @Param({"1", "3"})
    public int nodes;

    @Param({"1", "16", "64", "256"})
    public int inFlight;

    @Param({"true", "false"})
    public boolean groupCommit;

    private LocalCluster cluster;
    private Pipeline pipeline;

    /** Starts the nodes. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        cluster = LocalCluster.start(nodes, LocalCluster.tuning(groupCommit, inFlight), Samples.DDL_BYTES);
        pipeline = new Pipeline(cluster::propose, inFlight);
    }

    /** Prints the latencies of the iteration. */
    @TearDown(Level.Iteration)
    public void latencies() {
        Histogram h = pipeline.interval();
        System.out.printf(Locale.ROOT, "%ne2e-latency nodes=%d inFlight=%d groupCommit=%s completed=%d p50=%.3fms "
                        + "p99=%.3fms p999=%.3fms errors=%d%n", nodes, inFlight, groupCommit, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, pipeline.errors());
    }

    /** Drains what is in flight and stops the nodes. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            if (!pipeline.drain(30_000)) {
                System.out.println("e2e: proposals still in flight after 30 s");
            }
        } finally {
            cluster.close();
        }
        if (pipeline.errors() > 0) {
            throw new IllegalStateException(pipeline.errors() + " proposals failed, first: " + pipeline.firstError());
        }
    }

    /** Waits for a free slot, then sends one proposal. */
    @Benchmark
    public boolean propose() throws InterruptedException {
        if (!pipeline.step(30_000)) {
            throw new IllegalStateException("no proposal completed within 30 s");
        }
        return true;
    }
}
