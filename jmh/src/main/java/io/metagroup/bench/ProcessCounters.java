package io.metagroup.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and context switches of this JVM so far: figures per request that, unlike latency, hardly depend on what
 * else the machine runs. CPU time comes from the JVM; context switches are summed over the live threads in
 * {@code /proc/self/task} (Linux; -1 elsewhere). A thread that ends inside a window takes its switches with it, so
 * the switch count is a lower bound.
 *
 * @param cpuNanos         CPU time of the process (user + system), -1 when the JVM does not report it
 * @param contextSwitches  voluntary plus involuntary context switches of the live threads, -1 when unknown
 * @param jitNanos         CPU time of the JIT compiler threads (C1, C2), -1 when unknown: on two busy cores the
 *                         JIT is still compiling minutes into a run, and this separates it from the work measured
 */
public record ProcessCounters(long cpuNanos, long contextSwitches, long jitNanos) {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux's USER_HZ, the unit of the times in {@code /proc/.../stat}, is 100 on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** The counters now. */
    public static ProcessCounters now() {
        long cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuTime();
        }
        if (!Files.isDirectory(TASKS)) {
            return new ProcessCounters(cpu, -1, -1);
        }
        long switches = 0;
        long jitTicks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        // after the name: state is field 3; utime and stime are fields 14 and 15
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        jitTicks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException e) {
            return new ProcessCounters(cpu, -1, -1);
        }
        return new ProcessCounters(cpu, switches, jitTicks * NANOS_PER_TICK);
    }

    /** CPU microseconds of the JIT compiler threads per request between {@code before} and this, -1 when unknown. */
    public double jitMicrosPer(ProcessCounters before, long requests) {
        return jitNanos < 0 || before.jitNanos < 0 || requests <= 0 ? -1 : (jitNanos - before.jitNanos) / 1e3 / requests;
    }

    /** CPU microseconds per request between {@code before} and this, -1 when unknown. */
    public double cpuMicrosPer(ProcessCounters before, long requests) {
        return cpuNanos < 0 || before.cpuNanos < 0 || requests <= 0 ? -1 : (cpuNanos - before.cpuNanos) / 1e3 / requests;
    }

    /** Context switches per request between {@code before} and this, -1 when unknown. */
    public double switchesPer(ProcessCounters before, long requests) {
        return contextSwitches < 0 || before.contextSwitches < 0 || requests <= 0 ? -1
                : (double) (contextSwitches - before.contextSwitches) / requests;
    }
}
