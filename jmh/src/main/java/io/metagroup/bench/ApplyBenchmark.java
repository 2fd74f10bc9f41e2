package io.metagroup.bench;

import io.metagroup.model.LogRecord;
import io.metagroup.spi.Outcome;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entries per second applied in memory through the real {@link io.metagroup.core.MetadataCore} with the topology and routing plugins
 * (found by ServiceLoader), against a plain HashMap loop over the same records. One op is one entry; an invocation
 * applies 64 entries as records of {@code perRecord} proposals (1: no group commit; 64: group commit). Target: at
 * least 1 M entries/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// the core keeps topology and routing change logs in memory: give a long run room
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@OperationsPerInvocation(ApplyBenchmark.ENTRIES)
public class ApplyBenchmark {
    static final int ENTRIES = 64;

    /** A core with topology and routing in a temporary directory. */
    @State(Scope.Thread)
    public static class Core {
        @Param({"1", "64"})
        public int perRecord;
        private BenchCore core;
        private ApplyStream stream;

        /** Starts the core. */
        @Setup(Level.Trial)
        public void start() throws Exception {
            core = BenchCore.open(Set.of("topology", "routing"), ApplyStream.GENESIS);
            stream = new ApplyStream(perRecord);
        }

        /** Closes the core and deletes its directory. */
        @TearDown(Level.Trial)
        public void stop() throws Exception {
            core.close();
        }
    }

    /** The HashMap loop. */
    @State(Scope.Thread)
    public static class Baseline {
        @Param({"1", "64"})
        public int perRecord;
        private final HashMapApplier applier = new HashMapApplier();
        private ApplyStream stream;

        /** Builds the stream. */
        @Setup(Level.Trial)
        public void start() {
            stream = new ApplyStream(perRecord);
        }
    }

    /** 64 entries through the core and both plugins. */
    @Benchmark
    public List<Outcome> core(Core s) {
        List<Outcome> outcomes = List.of();
        for (int n = 0; n < ENTRIES; n += s.perRecord) {
            long index = s.stream.nextIndex();
            LogRecord record = s.stream.next();
            outcomes = s.core.core().applyRecord(index, record);
            if (outcomes.get(0) instanceof Outcome.LocalFault fault) {
                throw new IllegalStateException("apply halted at " + index + ": " + fault.reason());
            }
        }
        return outcomes;
    }

    /** The same 64 entries into HashMaps. */
    @Benchmark
    public int hashMap(Baseline s) {
        int applied = 0;
        for (int n = 0; n < ENTRIES; n += s.perRecord) {
            long index = s.stream.nextIndex();
            applied += s.applier.apply(index, s.stream.next());
        }
        return applied;
    }
}
