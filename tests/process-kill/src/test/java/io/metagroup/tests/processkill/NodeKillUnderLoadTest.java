package io.metagroup.tests.processkill;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.audit.AuditLog;
import io.metagroup.plugin.audit.AuditRecord;
import io.metagroup.plugin.audit.AuditVerification;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.Subscription;
import io.metagroup.raft.SubscriptionEnd;
import io.metagroup.raft.SubscriptionListener;
import io.metagroup.raft.client.ClientOptions;
import io.metagroup.raft.client.ClusterStatus;
import io.metagroup.raft.client.StateSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three {@code metagroup node} processes under load from a remote {@link MetadataClient}; ten times a node (the
 * leader every other round, a random one otherwise) is killed with SIGKILL and started again on its data dir.
 * Every proposal is an audited DDL with a unique statement, retried with its own key until acknowledged. At the end:
 * every acknowledged proposal was applied exactly once (the replicated DDL count equals the number acknowledged,
 * each statement is in every node's audit log once, and a watch from index 1 shows each at its acknowledged index),
 * and the three nodes hold the same digest at the same index.
 */
class NodeKillUnderLoadTest {
    private static final int ROUNDS = 10;
    private static final int WORKERS = 3;
    private static final int MAX_PROPOSALS = 1500;
    private static final long PAUSE_BETWEEN_PROPOSALS_MS = 100;
    private static final Duration UP = Duration.ofSeconds(60);

    /** One acknowledged proposal. */
    record Ack(String statement, IdempotencyKey key, long index) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killNineTenTimesUnderLoadLosesAndDoublesNothing() throws Exception {
        Path jar = Path.of(System.getProperty("metagroup.jar", "../../modules/cli/target/metagroup.jar")).toAbsolutePath();
        Path root = Path.of(System.getProperty("process-kill.dir", "target/process-kill"))
                .resolve("run-" + System.currentTimeMillis()).toAbsolutePath();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("process-kill: seed " + seed + ", data and logs under " + root);

        try (NodeProcesses nodes = NodeProcesses.start(jar, root);
             MetadataClient client = MetadataClient.open(NodeProcesses.CLUSTER, nodes.peers(), ClientOptions.defaults()
                     .withAnswerTimeout(Duration.ofSeconds(10)).withProposeTimeout(Duration.ofSeconds(3)))) {
            awaitLeader(client);
            long started = System.nanoTime();
            Map<String, Ack> acked = new ConcurrentSkipListMap<>();
            AtomicInteger issued = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> load(client, stop, issued, acked, retries, failures)));
            }
            List<String> kills = new ArrayList<>();
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    Thread.sleep(800 + random.nextInt(700));
                    long victim = round % 2 == 0 ? awaitLeader(client) : 1 + random.nextInt(3);
                    kills.add("round " + round + ": node " + victim + (round % 2 == 0 ? " (leader)" : ""));
                    nodes.kill9(victim);
                    Thread.sleep(200 + random.nextInt(800));
                    nodes.restart(victim);
                    awaitAnswers(client, victim);
                    awaitLeader(client);
                }
                Thread.sleep(1000);
            } finally {
                stop.set(true);
                for (Future<?> f : workers) {
                    f.get(2, TimeUnit.MINUTES);
                }
                pool.shutdown();
            }
            System.out.println("process-kill: " + String.join("; ", kills) + "; " + acked.size() + " acknowledged, "
                    + retries.get() + " retries, " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
            assertThat(failures).as("load failures").isEmpty();
            assertThat(acked).hasSize(issued.get());
            assertThat(acked.size()).as("proposals acknowledged under load").isGreaterThan(100);

            StateSummary read = client.read();
            assertThat(read.catalogDdlCount()).as("applied DDL entries: none lost, none doubled").isEqualTo(acked.size());
            assertSameDigestEverywhere(client, read.appliedIndex());
            assertEveryAckWatchedAtItsIndex(client, acked);
            assertTheCliJarReadsTheSameState(jar, nodes, read);

            nodes.stopAll();
            for (long id = 1; id <= 3; id++) {
                assertAuditHoldsEachStatementOnce(nodes.dataDir(id), acked.keySet(), id);
            }
        }
    }

    /** One worker: unique statements, each proposed with one key until acknowledged. */
    private static void load(MetadataClient client, AtomicBoolean stop, AtomicInteger issued, Map<String, Ack> acked,
                             AtomicInteger retries, List<Throwable> failures) {
        try {
            while (!stop.get()) {
                int n = issued.getAndIncrement();
                if (n >= MAX_PROPOSALS) {
                    issued.decrementAndGet();
                    return;
                }
                String statement = "CREATE TABLE load_" + n + " (a int)";
                MetadataEntry entry = new MetadataEntry.CatalogDdlAudited(
                        Bytes.of(("payload-" + n).getBytes(StandardCharsets.UTF_8)), "load", "load tester", statement);
                IdempotencyKey key = client.nextKey();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (true) {
                    try {
                        ProposalResult r = client.propose(key, entry).get(30, TimeUnit.SECONDS);
                        assertThat(r.applied()).as("outcome of %s: %s", statement, r.outcome()).isTrue();
                        acked.put(statement, new Ack(statement, key, r.index()));
                        break;
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof ProposalException p) || !p.kind().retryable()) {
                            throw e;
                        }
                    } catch (TimeoutException e) {
                        // fate unknown: the same key again
                    }
                    retries.incrementAndGet();
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(statement + " was not acknowledged within 2 minutes of retries");
                    }
                }
                Thread.sleep(PAUSE_BETWEEN_PROPOSALS_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static long awaitLeader(MetadataClient client) throws InterruptedException {
        long deadline = System.nanoTime() + UP.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                ClusterStatus s = client.status();
                Optional<GroupStatus> leader = s.leader();
                if (leader.isPresent()) {
                    return leader.get().nodeId();
                }
                last = s.toString();
            } catch (java.io.IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader within " + UP + ": " + last);
    }

    private static void awaitAnswers(MetadataClient client, long id) throws InterruptedException {
        long deadline = System.nanoTime() + UP.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                client.readLocal(id);
                return;
            } catch (java.io.IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + id + " did not answer within " + UP + " of its restart: " + last);
    }

    /** Once all three applied as far as the read, each one's digest at the index it reports is the same. */
    private static void assertSameDigestEverywhere(MetadataClient client, long index) throws Exception {
        long deadline = System.nanoTime() + UP.toNanos();
        Map<Long, StateSummary> last = Map.of();
        while (System.nanoTime() < deadline) {
            Map<Long, StateSummary> each = new TreeMap<>();
            try {
                for (long id = 1; id <= 3; id++) {
                    each.put(id, client.readLocal(id));
                }
            } catch (java.io.IOException stillApplying) {
                Thread.sleep(200); // a node catching up may not hold still long enough to be summarized
                continue;
            }
            last = each;
            Set<Long> indexes = each.values().stream().map(StateSummary::appliedIndex).collect(Collectors.toSet());
            if (indexes.size() == 1 && indexes.iterator().next() >= index) {
                assertThat(each.values().stream().map(StateSummary::digest).distinct()).as("digests at %s", indexes)
                        .hasSize(1);
                assertThat(each.values().stream().map(StateSummary::catalogDdlCount).distinct()).hasSize(1);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the nodes did not settle at one applied index >= " + index + ": " + last);
    }

    /** A watch from index 1 shows every acknowledged statement applied, at the index its acknowledgement named. */
    private static void assertEveryAckWatchedAtItsIndex(MetadataClient client, Map<String, Ack> acked) throws Exception {
        Map<String, List<AppliedEntry>> byStatement = new ConcurrentHashMap<>();
        Set<String> awaited = ConcurrentHashMap.newKeySet();
        acked.values().forEach(a -> awaited.add(a.statement() + "@" + a.index()));
        var done = new java.util.concurrent.CompletableFuture<SubscriptionEnd>();
        try (Subscription watch = client.watch(1, new SubscriptionListener() {
            @Override
            public void onEntry(AppliedEntry e) {
                if (e.entry() instanceof MetadataEntry.CatalogDdlAudited d) {
                    byStatement.computeIfAbsent(d.sqlText(), k -> new CopyOnWriteArrayList<>()).add(e);
                    awaited.remove(d.sqlText() + "@" + e.index());
                    if (awaited.isEmpty()) {
                        done.complete(new SubscriptionEnd.Closed());
                    }
                }
            }

            @Override
            public void onEnd(SubscriptionEnd end) {
                done.complete(end);
            }
        })) {
            SubscriptionEnd end;
            try {
                end = done.get(1, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                throw new AssertionError("not watched at their acknowledged index: " + awaited);
            }
            assertThat(end).as("watch ended early").isInstanceOf(SubscriptionEnd.Closed.class);
            assertThat(watch.end()).isEmpty();
        }
        long resent = byStatement.values().stream().filter(l -> l.size() > 1).count();
        System.out.println("process-kill: " + resent + " proposals were committed more than once (resent after a"
                + " kill) and applied once");
        for (Ack ack : acked.values()) {
            assertThat(byStatement.get(ack.statement())).as("%s in the applied log", ack.statement())
                    .allMatch(e -> e.key().equals(ack.key()) && e.outcome().isApplied(),
                            "one key, applied (a retry is deduplicated to the first outcome)");
        }
        assertThat(byStatement.keySet()).as("statements in the log were all proposed").isSubsetOf(acked.keySet());
    }

    /** {@code java -jar metagroup.jar read}, a separate JVM, prints the state the client read. */
    private static void assertTheCliJarReadsTheSameState(Path jar, NodeProcesses nodes, StateSummary read)
            throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a generous --timeout: this checks the jar, not how fast a cold JVM on a busy machine connects
        Process p = new ProcessBuilder(javaBin, "-jar", jar.toString(), "read", "--peers", nodes.peersFlag(), "--cluster",
                NodeProcesses.CLUSTER, "--timeout", "30s").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("catalog ddl       " + read.catalogDdlCount(), "digest            " + read.digest().toHex());
    }

    /** The node's audit log verifies and holds each acknowledged statement exactly once. */
    private static void assertAuditHoldsEachStatementOnce(Path dataDir, Set<String> statements, long id)
            throws Exception {
        Path dir = dataDir.resolve("core").resolve("plugins").resolve("audit");
        AuditVerification v = AuditLog.verify(dir);
        assertThat(v.problem()).as("audit log of node %d", id).isEmpty();
        assertThat(v.recordsChecked()).as("audit records of node %d", id).isEqualTo(statements.size());
        List<AuditRecord> records = AuditLog.tail(dir, statements.size() + 10);
        Map<String, Long> counts = records.stream()
                .collect(Collectors.groupingBy(AuditRecord::statement, TreeMap::new, Collectors.counting()));
        assertThat(counts.keySet()).as("statements audited on node %d", id).isEqualTo(new java.util.TreeSet<>(statements));
        assertThat(counts.values()).as("times each statement is audited on node %d", id).allMatch(c -> c == 1);
        assertThat(records.stream().map(AuditRecord::seq).toList())
                .isEqualTo(records.stream().map(AuditRecord::seq).sorted().distinct().toList());
        assertThat(records.stream().map(AuditRecord::index).toList()).isSorted();
    }
}
