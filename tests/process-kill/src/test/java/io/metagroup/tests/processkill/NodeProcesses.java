package io.metagroup.tests.processkill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three {@code metagroup node} processes, each a JVM of its own started with {@code java -jar metagroup.jar}, each
 * with its data dir and log file under one directory. Every process started here is stopped by {@link #close()},
 * and by a JVM shutdown hook should the test JVM end first.
 */
final class NodeProcesses implements AutoCloseable {
    static final String CLUSTER = "kill-test";
    private static final String STARTED = "listening on";

    private final Path jar;
    private final Path root;
    private final Map<Long, String> peers;
    private final Map<Long, Process> running = new TreeMap<>();
    private final List<Process> all = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "process-kill-backstop");

    private NodeProcesses(Path jar, Path root, Map<Long, String> peers) {
        this.jar = jar;
        this.root = root;
        this.peers = peers;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts nodes 1..3 on free 127.0.0.1 ports; when one finds its port taken meanwhile, all three are stopped and
     * started again on other ports.
     */
    static NodeProcesses start(Path jar, Path root) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first with ./mvnw package (it is"
                    + " modules/cli's shaded jar)");
        }
        for (int attempt = 0; ; attempt++) {
            Map<Long, String> peers = new TreeMap<>();
            for (long id = 1; id <= 3; id++) {
                peers.put(id, "127.0.0.1:" + freePort());
            }
            NodeProcesses nodes = new NodeProcesses(jar, root.resolve("try" + attempt), peers);
            try {
                for (long id = 1; id <= 3; id++) {
                    nodes.launch(id);
                }
                for (long id = 1; id <= 3; id++) {
                    nodes.awaitStarted(id);
                }
                return nodes;
            } catch (PortTakenException e) {
                nodes.close();
                if (attempt >= 4) {
                    throw e;
                }
            } catch (Exception | Error e) {
                nodes.close();
                throw e;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Node id → {@code host:port}. */
    Map<Long, String> peers() {
        return peers;
    }

    /** The data dir of node {@code id}. */
    Path dataDir(long id) {
        return root.resolve("n" + id);
    }

    private Path log(long id) {
        return root.resolve("n" + id + ".log");
    }

    /** Starts node {@code id} on its port and data dir; its output is appended to its log file. */
    private synchronized void launch(long id) throws IOException {
        Files.createDirectories(root);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "node", "--id", Long.toString(id), "--listen", peers.get(id), "--peers", peersFlag(),
                "--data-dir", dataDir(id).toString(), "--cluster", CLUSTER);
        Files.writeString(log(id), "=== " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile())).start();
        all.add(p);
        running.put(id, p);
    }

    String peersFlag() {
        return peers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Waits until node {@code id} printed that it listens; fails with its log when it exited instead. */
    private void awaitStarted(long id) throws Exception {
        Process p;
        synchronized (this) {
            p = running.get(id);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(log(id), StandardCharsets.UTF_8);
            String last = log.substring(log.lastIndexOf("=== "));
            if (last.contains(STARTED)) {
                return;
            }
            if (!p.isAlive()) {
                if (last.contains(" is in use")) {
                    throw new PortTakenException("node " + id + ": " + last);
                }
                throw new IllegalStateException("node " + id + " exited with " + p.exitValue() + ":\n" + last);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("node " + id + " did not start within 60s:\n" + Files.readString(log(id)));
    }

    /** Kills node {@code id} with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux) and waits for it. */
    void kill9(long id) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = running.remove(id);
        }
        if (p == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + id + " (pid " + p.pid() + ") did not die of SIGKILL");
        }
    }

    /** Starts node {@code id} again on its data dir and port; retries while the port is still held. */
    void restart(long id) throws Exception {
        for (int attempt = 0; ; attempt++) {
            launch(id);
            try {
                awaitStarted(id);
                return;
            } catch (PortTakenException e) {
                synchronized (this) {
                    running.remove(id);
                }
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Stops every node with SIGTERM (a clean shutdown), then SIGKILL after 20 s. */
    void stopAll() throws InterruptedException {
        List<Process> live;
        synchronized (this) {
            live = new ArrayList<>(running.values());
            running.clear();
        }
        live.forEach(Process::destroy);
        for (Process p : live) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void killAll() {
        List<Process> every;
        synchronized (this) {
            every = new ArrayList<>(all);
        }
        every.forEach(Process::destroyForcibly);
    }

    /** Kills whatever still runs (the test's finally), and removes the backstop hook. */
    @Override
    public void close() {
        killAll();
        List<Process> every;
        synchronized (this) {
            every = new ArrayList<>(all);
            running.clear();
        }
        for (Process p : every) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** The process of node {@code id}, while it runs. */
    synchronized Process process(long id) {
        return running.get(id);
    }

    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
