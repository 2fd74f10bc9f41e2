package io.metagroup.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Summarizes the rounds of the etcd comparison: the median of each figure over the rounds per (system, group
 * commit, in-flight), written as {@code medians.csv}, a Markdown table with the ratios of Metagroup to etcd
 * ({@code table.md}), and a throughput-versus-latency chart ({@code compare-etcd.png}, drawn with java.awt,
 * headless).
 *
 * <pre>java -cp benchmarks.jar io.metagroup.bench.CompareReport raw.csv out-dir</pre>
 */
public final class CompareReport {
    private CompareReport() {}

    /** One series point: the medians of one (system, group commit, in-flight) over the rounds. */
    record Point(String system, String groupCommit, int nodes, int inFlight, int rounds, double opsPerSecond,
                 double p50, double p99, double p999, double load) {
        String series() {
            return system.equals("etcd") ? "etcd" : system + "/group-commit-" + groupCommit;
        }

        String label() {
            if (system.equals("etcd")) {
                return "etcd " + nodes + (nodes == 1 ? " member" : " members");
            }
            // "metagroup-before": an older build measured in the same run
            String variant = system.startsWith("metagroup-") ? " (" + system.substring("metagroup-".length()) + ")" : "";
            return "Metagroup" + variant + " " + nodes + (nodes == 1 ? " node" : " nodes") + ", group commit "
                    + groupCommit;
        }
    }

    /** Reads the raw CSV, writes the medians, the table and the chart. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CompareReport raw.csv out-dir");
            System.exit(2);
        }
        List<Point> points = medians(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder(
                "system,group_commit,nodes,in_flight,rounds,ops_per_s,p50_ms,p99_ms,p999_ms,load1\n");
        for (Point p : points) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.1f,%.3f,%.3f,%.3f,%.2f%n", p.system(),
                    p.groupCommit(), p.nodes(), p.inFlight(), p.rounds(), p.opsPerSecond(), p.p50(), p.p99(),
                    p.p999(), p.load()));
        }
        Files.writeString(out.resolve("medians.csv"), csv);
        String table = table(points);
        Files.writeString(out.resolve("table.md"), table);
        System.out.print(table);
        chart(points, out.resolve("compare-etcd.png"));
    }

    /** Medians over the rounds of each (system, group commit, nodes, in-flight), sorted. */
    static List<Point> medians(List<String> lines) {
        // older files lack the trailing CPU and context-switch columns, which the report does not use
        if (lines.isEmpty() || !LoadGen.CSV_HEADER.startsWith(lines.get(0))) {
            throw new IllegalArgumentException("not a load-generator CSV: the first line must be " + LoadGen.CSV_HEADER);
        }
        Map<String, List<String[]>> groups = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            String key = f[0] + "," + f[2] + "," + f[1] + "," + String.format(Locale.ROOT, "%06d", Integer.parseInt(f[3]));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Point> points = new ArrayList<>();
        for (List<String[]> rows : groups.values()) {
            String[] first = rows.get(0);
            points.add(new Point(first[0], first[2], Integer.parseInt(first[1]), Integer.parseInt(first[3]),
                    rows.size(), median(rows, 7), median(rows, 8), median(rows, 9), median(rows, 10),
                    median(rows, 12)));
        }
        return points;
    }

    static double median(List<String[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> Double.parseDouble(r[column])).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** A Markdown table: every point, and for Metagroup the ratio to etcd at the same in-flight count. */
    static String table(List<Point> points) {
        Map<Integer, Point> etcd = new TreeMap<>();
        points.stream().filter(p -> p.system().equals("etcd")).forEach(p -> etcd.put(p.inFlight(), p));
        StringBuilder t = new StringBuilder("| system | in flight | ops/s (median) | p50 ms | p99 ms | p999 ms "
                + "| ops/s vs etcd | p99 vs etcd | rounds | load avg |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Point p : points) {
            Point e = etcd.get(p.inFlight());
            boolean compare = e != null && !p.system().equals("etcd");
            t.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %s | %s | %d | %.2f |%n",
                    p.label(), p.inFlight(), p.opsPerSecond(), p.p50(), p.p99(), p.p999(),
                    compare ? String.format(Locale.ROOT, "%.2fx", p.opsPerSecond() / e.opsPerSecond()) : "",
                    compare ? String.format(Locale.ROOT, "%.2fx", p.p99() / e.p99()) : "", p.rounds(), p.load()));
        }
        return t.toString();
    }

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    /** Throughput (x, log) against p50 (dashed) and p99 (solid) latency (y, log), one colour per series. */
    static void chart(List<Point> points, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 1080;
        int height = 640;
        int left = 90;
        int right = 410;
        int top = 60;
        int bottom = 70;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        double[] xs = points.stream().mapToDouble(Point::opsPerSecond).toArray();
        double[] ys = points.stream().flatMapToDouble(p -> Arrays.stream(new double[] {p.p50(), p.p99()})).toArray();
        double x0 = Math.floor(Math.log10(Arrays.stream(xs).min().orElse(1)));
        double x1 = Math.ceil(Math.log10(Arrays.stream(xs).max().orElse(10)));
        double y0 = Math.floor(Math.log10(Math.max(0.01, Arrays.stream(ys).min().orElse(0.1))));
        double y1 = Math.ceil(Math.log10(Arrays.stream(ys).max().orElse(10)));
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        if (y1 <= y0) {
            y1 = y0 + 1;
        }
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        Axis ax = new Axis(left, top, plotW, plotH, x0, x1, y0, y1);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.setColor(Color.BLACK);
        g.drawString("Durable writes, 3 members on 127.0.0.1, 200-byte entries: throughput vs latency", left - 40, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        Stroke grid = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f);
        for (double d = x0; d <= x1 + 1e-9; d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = Math.log10(m) + d;
                if (v > x1 + 1e-9) {
                    break;
                }
                int px = ax.x(Math.pow(10, v));
                g.setColor(new Color(0xdddddd));
                g.setStroke(grid);
                g.drawLine(px, top, px, top + plotH);
                g.setColor(Color.DARK_GRAY);
                String s = human(Math.pow(10, v));
                g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, top + plotH + 20);
            }
        }
        for (double d = y0; d <= y1 + 1e-9; d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = Math.log10(m) + d;
                if (v > y1 + 1e-9) {
                    break;
                }
                int py = ax.y(Math.pow(10, v));
                g.setColor(new Color(0xdddddd));
                g.setStroke(grid);
                g.drawLine(left, py, left + plotW, py);
                g.setColor(Color.DARK_GRAY);
                String s = trim(Math.pow(10, v));
                g.drawString(s, left - 10 - g.getFontMetrics().stringWidth(s), py + 5);
            }
        }
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        g.drawString("throughput, committed writes per second (log)", left + plotW / 2 - 140, height - 25);
        g.rotate(-Math.PI / 2);
        g.drawString("latency, ms (log)", -(top + plotH / 2 + 50), 30);
        g.rotate(Math.PI / 2);

        Map<String, List<Point>> series = new TreeMap<>();
        points.forEach(p -> series.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p));
        int legendY = top + 10;
        int i = 0;
        Stroke dashed = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f);
        for (List<Point> s : series.values()) {
            Color c = COLORS[i++ % COLORS.length];
            g.setColor(c);
            for (boolean p99 : new boolean[] {true, false}) {
                g.setStroke(p99 ? new BasicStroke(2.5f) : dashed);
                for (int k = 1; k < s.size(); k++) {
                    Point a = s.get(k - 1);
                    Point b = s.get(k);
                    g.drawLine(ax.x(a.opsPerSecond()), ax.y(p99 ? a.p99() : a.p50()), ax.x(b.opsPerSecond()),
                            ax.y(p99 ? b.p99() : b.p50()));
                }
                for (Point p : s) {
                    int px = ax.x(p.opsPerSecond());
                    int py = ax.y(p99 ? p.p99() : p.p50());
                    g.fillOval(px - 4, py - 4, 8, 8);
                    if (p99) {
                        g.drawString(Integer.toString(p.inFlight()), px + 6, py - 6);
                    }
                }
            }
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(width - right + 20, legendY, width - right + 50, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.get(0).label(), width - right + 58, legendY + 5);
            legendY += 24;
        }
        g.setColor(Color.BLACK);
        legendY += 10;
        g.setStroke(new BasicStroke(2.5f));
        g.drawLine(width - right + 20, legendY, width - right + 50, legendY);
        g.drawString("p99 (labels: requests in flight)", width - right + 58, legendY + 5);
        legendY += 24;
        g.setStroke(dashed);
        g.drawLine(width - right + 20, legendY, width - right + 50, legendY);
        g.drawString("p50", width - right + 58, legendY + 5);
        legendY += 30;
        g.drawString("medians of " + points.stream().mapToInt(Point::rounds).min().orElse(0)
                + "+ alternating rounds", width - right + 20, legendY);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Maps values onto the plot (log-log). */
    private record Axis(int left, int top, int w, int h, double x0, double x1, double y0, double y1) {
        int x(double v) {
            return left + (int) Math.round((Math.log10(v) - x0) / (x1 - x0) * w);
        }

        int y(double v) {
            return top + h - (int) Math.round((Math.log10(Math.max(v, 1e-3)) - y0) / (y1 - y0) * h);
        }
    }

    private static String human(double v) {
        return v >= 1000 ? trim(v / 1000) + "k" : trim(v);
    }

    private static String trim(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
