package io.metagroup.plugin.migration.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link StreamChild} running in its own JVM, with the test's class path, and a reader of its output lines. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader lines;

    private ChildJvm(Process process) {
        this.process = process;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts a child on {@code dir}; see {@link StreamChild} for the arguments. C1 only: on two cores the C2
     * compiler threads more than double the start-up of a JVM that loads MapDB and Kotlin.
     */
    static ChildJvm start(Path dir, int commitEvery, String mode, long last) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), StreamChild.class.getName(), dir.toString(),
                Integer.toString(commitEvery), mode, Long.toString(last)));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildJvm(builder.start());
    }

    /** Reads lines up to the first that starts with {@code prefix}; returns the rest of that line. */
    String await(String prefix) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        throw new AssertionError("the child ended (exit " + waitForExit() + ") before printing '" + prefix + "'");
    }

    /** Kills the child with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
    void kill() {
        close();
    }

    /** Waits for the child to end by itself; its exit code. */
    int waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child", e);
        }
        return process.exitValue();
    }

    /** Kills the child if it still runs, and waits until it is gone (so its file locks are released). */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("a SIGKILLed child did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child to end", e);
        }
    }
}
