package io.metagroup.bench;

import io.metagroup.raft.Tuning;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load generator of the end-to-end runs and of the etcd comparison: the same {@link Pipeline} against
 * Metagroup (a local cluster started here) or etcd (a running cluster, through jetcd), at each in-flight count in
 * turn, one measured window each; prints one line per window and appends it to a CSV.
 *
 * <pre>
 * java -cp benchmarks.jar io.metagroup.bench.LoadGen --system metagroup|etcd [--nodes 3] [--group-commit on|off]
 *      [--endpoints http://127.0.0.1:23791,...] [--in-flight 1,16,64,256] [--warmup-seconds 3] [--seconds 10]
 *      [--max-requests 5000000] [--bytes 200] [--round 1] [--csv results.csv] [--set key=value,key=value]
 *      [--prewarm-seconds 15] [--prewarm-in-flight 256] [--records-in-flight 2]
 * </pre>
 * Before the first in-flight count, the target gets {@code --prewarm-seconds} of load at the highest count (or
 * {@code --prewarm-in-flight}: a run of 1 in flight alone otherwise leaves the JIT cold), not
 * measured, so that neither the JIT of this JVM (client, and the nodes for Metagroup) nor a cold server decides the
 * first figures.
 * {@code --set} passes node settings to every Metagroup node, e.g. {@code ratis.raft.server.log.appender.wait-time.min=1ms}
 * to try a Ratis property; the default is none: Metagroup as it ships. {@code --records-in-flight} overrides how many
 * group-commit records a node keeps in flight ({@link Tuning#maxInFlight()}).
 */
public final class LoadGen {
    /** The CSV header; one row per measured window. */
    public static final String CSV_HEADER =
            "system,nodes,group_commit,in_flight,round,completed,seconds,ops_per_s,p50_ms,p99_ms,p999_ms,errors,load1,"
                    + "cpu_us_per_op,jit_us_per_op,switches_per_op";

    /** The gRPC inside Ratis logs through java.util.logging; its start-up notices are noise in the report. Held
     * here because java.util.logging keeps loggers only weakly. */
    private static final Logger GRPC_LOG = Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    private LoadGen() {}

    /** Runs one system through every in-flight count; exit code 2 on a bad argument, 1 on a failed run. */
    public static void main(String[] args) throws Exception {
        GRPC_LOG.setLevel(Level.WARNING);
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(2);
            return;
        }
        String system = opts.getOrDefault("system", "metagroup");
        int nodes = Integer.parseInt(opts.getOrDefault("nodes", "3"));
        boolean groupCommit = !"off".equals(opts.getOrDefault("group-commit", "on"));
        int[] inFlight = Arrays.stream(opts.getOrDefault("in-flight", "1,16,64,256").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        long warmupMs = (long) (Double.parseDouble(opts.getOrDefault("warmup-seconds", "3")) * 1000);
        long measureMs = (long) (Double.parseDouble(opts.getOrDefault("seconds", "10")) * 1000);
        long maxRequests = Long.parseLong(opts.getOrDefault("max-requests", "5000000"));
        long prewarmMs = (long) (Double.parseDouble(opts.getOrDefault("prewarm-seconds", "15")) * 1000);
        int most = Integer.parseInt(opts.getOrDefault("prewarm-in-flight",
                Integer.toString(Arrays.stream(inFlight).max().orElse(1))));
        int bytes = Integer.parseInt(opts.getOrDefault("bytes", Integer.toString(Samples.DDL_BYTES)));
        String round = opts.getOrDefault("round", "1");
        Path csv = opts.containsKey("csv") ? Path.of(opts.get("csv")) : null;
        Map<String, String> settings = new TreeMap<>();
        for (String pair : opts.getOrDefault("set", "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                System.err.println("loadgen: --set takes key=value pairs, got '" + pair + "'");
                System.exit(2);
                return;
            }
            settings.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }

        List<Pipeline.Result> results = new ArrayList<>();
        switch (system) {
            case "metagroup" -> {
                Tuning tuning = LocalCluster.tuning(groupCommit, Math.max(most, Arrays.stream(inFlight).max().orElse(1)));
                if (opts.containsKey("records-in-flight")) {
                    tuning = LocalCluster.withRecordsInFlight(tuning, Integer.parseInt(opts.get("records-in-flight")));
                }
                try (LocalCluster cluster = LocalCluster.start(nodes, tuning, settings, bytes)) {
                    prewarm(cluster::propose, most, prewarmMs);
                    for (int n : inFlight) {
                        results.add(report(system, nodes, groupCommit, round, csv,
                                new Pipeline(cluster::propose, n).run(warmupMs, measureMs, maxRequests)));
                    }
                }
            }
            case "etcd" -> {
                List<String> endpoints = List.of(opts.getOrDefault("endpoints", "http://127.0.0.1:2379").split(","));
                nodes = endpoints.size();
                try (EtcdTarget etcd = EtcdTarget.connect(endpoints, bytes)) {
                    System.out.println("etcd leader: " + etcd.endpoint());
                    prewarm(etcd::put, most, prewarmMs);
                    for (int n : inFlight) {
                        results.add(report(system, nodes, true, round, csv,
                                new Pipeline(etcd::put, n).run(warmupMs, measureMs, maxRequests)));
                    }
                }
            }
            default -> {
                System.err.println("loadgen: --system must be metagroup or etcd, got '" + system + "'");
                System.exit(2);
                return;
            }
        }
        boolean failed = results.stream().anyMatch(r -> r.errors() > 0 || !r.drained());
        if (failed) {
            System.err.println("loadgen: " + system + " had failed or unfinished requests (see the errors column)");
            System.exit(1);
        }
        System.exit(0); // client and server threads of the libraries are not all daemons
    }

    private static void prewarm(Pipeline.Target target, int inFlight, long millis) throws InterruptedException {
        if (millis > 0) {
            Pipeline pipeline = new Pipeline(target, inFlight);
            Pipeline.Result r = pipeline.run(millis, 0, 0);
            if (!r.drained() || pipeline.errors() > 0) {
                throw new IllegalStateException("the pre-warm-up failed: " + pipeline.errors() + " errors, first "
                        + pipeline.firstError() + ", drained " + r.drained());
            }
        }
    }

    private static Pipeline.Result report(String system, int nodes, boolean groupCommit, String round, Path csv,
                                          Pipeline.Result r) throws IOException {
        String row = String.format(Locale.ROOT, "%s,%d,%s,%d,%s,%d,%.3f,%.1f,%.3f,%.3f,%.3f,%d,%.2f,%.1f,%.1f,%.2f", system, nodes,
                groupCommit ? "on" : "off", r.inFlight(), round, r.completed(), r.seconds(), r.perSecond(),
                r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.p999Micros() / 1000.0, r.errors(), load(),
                r.cpuMicrosPerOp(), r.jitMicrosPerOp(), r.switchesPerOp());
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%-9s nodes=%d group-commit=%-3s in-flight=%-4d %10.1f ops/s  p50 %8.3f ms  p99 %8.3f ms"
                        + "  p999 %8.3f ms  errors %d  load %.2f  cpu %.0f us/op (JIT %.0f)  switches %.1f/op%n", system, nodes,
                groupCommit ? "on" : "off", r.inFlight(), r.perSecond(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0,
                r.p999Micros() / 1000.0, r.errors(), load(), r.cpuMicrosPerOp(), r.jitMicrosPerOp(),
                r.switchesPerOp());
        if (csv != null) {
            boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
            String text = (fresh ? CSV_HEADER + "\n" : "") + row + "\n";
            Files.writeString(csv, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return r;
    }

    /** The one-minute load average, as the OS reports it. */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }
}
