package io.metagroup.bench;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.model.MetadataEntry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec ({@code encode}, {@code decode}: envelope, limits and every rule included) on every variant family and
 * a 100-entry Batch, in ns/op; run with {@code -prof gc} for B/op ({@code gc.alloc.rate.norm}). In the same run, on
 * the {@link Samples.Shape shapes} (families of the same name), its two baselines: a plain msgpack-core loop writing
 * the same fields ({@link PlainMsgpack}, the floor) and Jackson databind over MessagePack ({@link JacksonShapes},
 * what a user would reach for). Targets: the codec within 1.25x of the plain loop, at least 5x faster than Jackson,
 * at most 1 KB allocated per entry (B/op divided by {@link Samples#entries}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class CodecBenchmark {

    /** A family's sample and its encoding. */
    @State(Scope.Thread)
    public static class Codec {
        @Param
        public Samples.Family family;
        private final EntryCodec codec = new EntryCodec();
        private MetadataEntry entry;
        private byte[] bytes;

        /** Builds the sample and its encoding. */
        @Setup
        public void setUp() throws CodecException {
            entry = Samples.of(family);
            bytes = codec.encodeEntry(entry);
        }
    }

    /** A shape's sample as the baselines hold it. */
    @State(Scope.Thread)
    public static class Baseline {
        @Param
        public Samples.Shape shape;
        private final PlainMsgpack plain = new PlainMsgpack();
        private final JacksonShapes jackson = new JacksonShapes();
        private MetadataEntry entry;
        private JacksonShapes.JEntry userEntry;
        private byte[] plainBytes;
        private byte[] jacksonBytes;

        /** Builds the sample and its two encodings. */
        @Setup
        public void setUp() {
            entry = Samples.of(shape);
            userEntry = JacksonShapes.of(entry);
            plainBytes = plain.encode(entry);
            jacksonBytes = jackson.encode(userEntry);
        }
    }

    /** Entry to enveloped bytes. */
    @Benchmark
    public byte[] encode(Codec s) throws CodecException {
        return s.codec.encodeEntry(s.entry);
    }

    /** Enveloped bytes to entry, every rule checked. */
    @Benchmark
    public MetadataEntry decode(Codec s) throws CodecException {
        return s.codec.decodeEntry(s.bytes);
    }

    /** The floor: the same fields, no checks. */
    @Benchmark
    public byte[] plainEncode(Baseline s) {
        return s.plain.encode(s.entry);
    }

    /** The floor: the same model records, no checks beyond the records' own. */
    @Benchmark
    public MetadataEntry plainDecode(Baseline s) {
        return s.plain.decode(s.plainBytes);
    }

    /** Jackson databind over MessagePack, user data classes. */
    @Benchmark
    public byte[] jacksonEncode(Baseline s) {
        return s.jackson.encode(s.userEntry);
    }

    /** Jackson databind over MessagePack, user data classes. */
    @Benchmark
    public JacksonShapes.JEntry jacksonDecode(Baseline s) {
        return s.jackson.decode(s.jacksonBytes);
    }
}
