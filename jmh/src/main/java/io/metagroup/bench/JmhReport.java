package io.metagroup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result ({@code -rf json}) of this suite, and optionally a load-generator CSV of end-to-end runs,
 * into the Markdown tables of {@code docs/BENCHMARKS.md}: every figure next to its baseline from the same run, with
 * the ratio and the target.
 *
 * <pre>java -cp benchmarks.jar io.metagroup.bench.JmhReport jmh.json [e2e.csv] &gt; report.md</pre>
 */
public final class JmhReport {
    private static final String PKG = "io.metagroup.bench.";

    private final Map<String, JsonNode> results = new TreeMap<>();

    private JmhReport(JsonNode runs) {
        for (JsonNode run : runs) {
            results.put(key(run.get("benchmark").asText().replace(PKG, ""), run.get("params")), run);
        }
    }

    private static String key(String benchmark, JsonNode params) {
        StringBuilder k = new StringBuilder(benchmark);
        if (params != null) {
            new TreeMap<>(new ObjectMapper().convertValue(params, Map.class)).forEach((n, v) -> k.append(' ')
                    .append(n).append('=').append(v));
        }
        return k.toString();
    }

    /** Prints the report. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JmhReport jmh.json [e2e.csv]");
            System.exit(2);
        }
        JmhReport report = new JmhReport(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
        StringBuilder out = new StringBuilder();
        report.codec(out);
        report.apply(out);
        report.migration(out);
        report.endToEnd(out, args.length == 2 ? Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8) : null);
        System.out.print(out);
    }

    private JsonNode find(String key) {
        return results.get(key);
    }

    private static double score(JsonNode run) {
        return run == null ? Double.NaN : run.get("primaryMetric").get("score").asDouble();
    }

    private static double error(JsonNode run) {
        double e = run == null ? Double.NaN : run.get("primaryMetric").get("scoreError").asDouble();
        return Double.isNaN(e) ? 0 : e;
    }

    private static double allocated(JsonNode run) {
        if (run == null) {
            return Double.NaN;
        }
        JsonNode gc = run.get("secondaryMetrics").get("gc.alloc.rate.norm");
        return gc == null ? Double.NaN : gc.get("score").asDouble();
    }

    private static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : f("%.2fx", a / b);
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "–" : f(format, v);
    }

    private void codec(StringBuilder out) {
        out.append("### Codec: every variant family (ns/op and bytes allocated per op)\n\n")
                .append("| family | encode ns/op | decode ns/op | encode B/op | decode B/op | B per entry, encode / decode |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Samples.Family family : Samples.Family.values()) {
            JsonNode enc = find("CodecBenchmark.encode family=" + family);
            JsonNode dec = find("CodecBenchmark.decode family=" + family);
            int entries = family == Samples.Family.BATCH_100 ? Samples.BATCH_SIZE : 1;
            out.append(f("| %s | %s ± %s | %s ± %s | %s | %s | %s |%n", family, num(score(enc), "%,.0f"),
                    num(error(enc), "%,.0f"), num(score(dec), "%,.0f"), num(error(dec), "%,.0f"),
                    num(allocated(enc), "%,.0f"), num(allocated(dec), "%,.0f"),
                    num(allocated(enc) / entries, "%,.0f") + " / " + num(allocated(dec) / entries, "%,.0f")));
        }
        out.append("\n### Codec against its baselines (same run; ratio < 1 means the codec is faster)\n\n")
                .append("| shape | op | codec ns/op | plain msgpack-core ns/op | codec / plain (target <= 1.25x) "
                        + "| Jackson ns/op | Jackson / codec (target >= 5x) | codec B/op per entry (target <= 1024) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Samples.Shape shape : Samples.Shape.values()) {
            for (String op : new String[] {"encode", "decode"}) {
                String upper = Character.toUpperCase(op.charAt(0)) + op.substring(1);
                JsonNode codec = find("CodecBenchmark." + op + " family=" + shape);
                JsonNode plain = find("CodecBenchmark.plain" + upper + " shape=" + shape);
                JsonNode jackson = find("CodecBenchmark.jackson" + upper + " shape=" + shape);
                out.append(f("| %s | %s | %s | %s | %s | %s | %s | %s |%n", shape, op, num(score(codec), "%,.0f"),
                        num(score(plain), "%,.0f"), ratio(score(codec), score(plain)), num(score(jackson), "%,.0f"),
                        ratio(score(jackson), score(codec)),
                        num(allocated(codec) / Samples.entries(shape), "%,.0f")));
            }
        }
        out.append('\n');
    }

    private void apply(StringBuilder out) {
        out.append("### Apply in memory: core + topology + routing against a HashMap loop (entries/s)\n\n")
                .append("| proposals per record | core entries/s | HashMap loop entries/s | core / HashMap "
                        + "| target >= 1,000,000/s |\n|---:|---:|---:|---:|---|\n");
        for (String per : new String[] {"1", "64"}) {
            double core = score(find("ApplyBenchmark.core perRecord=" + per));
            double map = score(find("ApplyBenchmark.hashMap perRecord=" + per));
            out.append(f("| %s | %s | %s | %s | %s |%n", per, num(core, "%,.0f"), num(map, "%,.0f"), ratio(core, map),
                    Double.isNaN(core) ? "–" : core >= 1_000_000 ? "met" : f("not met (%.0f%%)", core / 1e4)));
        }
        out.append('\n');
    }

    private void migration(StringBuilder out) {
        double fsync = score(find("MigrationStoreBenchmark.rawFsync"));
        double mapdb = score(find("MigrationStoreBenchmark.mapdbPutCommit"));
        out.append("### Migration store: durable checkpoint upserts/s (same run, same disk)\n\n")
                .append("| way | upserts/s | vs MapDB put+commit | vs raw fsync |\n|---|---:|---:|---:|\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"migration plugin, commit every record (commitEvery=1)",
            "MigrationStoreBenchmark.migrationPlugin commitEvery=1"});
        rows.add(new String[] {"migration plugin, batched (commitEvery=1000, the default)",
            "MigrationStoreBenchmark.migrationPlugin commitEvery=1000"});
        rows.add(new String[] {"MapDB's own put + commit per upsert", "MigrationStoreBenchmark.mapdbPutCommit"});
        rows.add(new String[] {"raw write + fsync of 160 bytes (the disk's floor)", "MigrationStoreBenchmark.rawFsync"});
        for (String[] row : rows) {
            double v = score(find(row[1]));
            out.append(f("| %s | %s | %s | %s |%n", row[0], num(v, "%,.1f"), ratio(v, mapdb), ratio(v, fsync)));
        }
        out.append('\n');
    }

    private void endToEnd(StringBuilder out, List<String> csv) {
        out.append("### End to end, real Ratis over gRPC on loopback, durable, 200-byte entries (JMH, proposals/s)\n\n")
                .append("| nodes | group commit | in flight | proposals/s | ± |\n|---:|---|---:|---:|---:|\n");
        for (String nodes : new String[] {"1", "3"}) {
            for (String gc : new String[] {"true", "false"}) {
                for (String inFlight : new String[] {"1", "16", "64", "256"}) {
                    JsonNode run = find("EndToEndBenchmark.propose groupCommit=" + gc + " inFlight=" + inFlight
                            + " nodes=" + nodes);
                    if (run != null) {
                        out.append(f("| %s | %s | %s | %,.0f | %,.0f |%n", nodes, gc.equals("true") ? "on" : "off",
                                inFlight, score(run), error(run)));
                    }
                }
            }
        }
        if (csv != null) {
            out.append("\n### End to end with latencies (load generator, medians over rounds)\n\n");
            out.append(CompareReport.table(CompareReport.medians(csv)));
        }
        out.append('\n');
    }
}
