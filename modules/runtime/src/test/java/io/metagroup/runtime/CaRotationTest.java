package io.metagroup.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.client.GroupUnreachableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA rotation on a running three-node mutual-TLS group: stage the new CA through the log, restart the nodes one
 * at a time with leaves of the new CA (each rejoins; removing the old CA is refused while a member still depends on
 * it), finalize by removing the old CA; then a client of the old CA is refused, on a new handshake and on the
 * connection it already had once that connection's age is up. A prober proposes throughout: every proposal is
 * applied, so the group kept its quorum. The nodes end with equal digests.
 */
@Timeout(180)
class CaRotationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void stagedCaRollsThroughTheGroupAndTheOldCaIsRemovedWithoutLosingQuorum() throws Exception {
        TestPki.Issued oldCa = TestPki.ca("old-ca");
        TestPki.Issued newCa = TestPki.ca("new-ca");
        List<TestPki.Issued> oldLeaves = List.of(TestPki.leaf(oldCa, "node-1"), TestPki.leaf(oldCa, "node-2"),
                TestPki.leaf(oldCa, "node-3"));
        try (TlsGroup group = TlsGroup.start(dir, oldCa, oldLeaves, TlsGroup.MAX_AGE);
             // the operator stages the new CA, so its client trusts it too: a restarted member that presents a
             // new-CA leaf (possibly the leader) must stay reachable; the operator's own leaf stays an old-CA one
             MetadataClient operator = group.client("operator-old", TestPki.leaf(oldCa, "operator"), oldCa, newCa)) {
            // the first leader seeds the replicated trust set from the trust directories
            for (int id = 1; id <= 3; id++) {
                int n = id;
                TlsGroup.await("node " + n + " holds the replicated trust set", WAIT,
                        () -> group.trust(n).replicated());
                assertThat(group.trust(n).trustSet().fingerprints()).containsExactly(oldCa.fingerprint());
            }
            try (Prober prober = new Prober(group)) {
                operator.status(); // the old-CA operator's connections are up from here on
                ProposalResult staged = operator.propose(TlsTrust.stage(newCa.cert())).get(30, TimeUnit.SECONDS);
                assertThat(staged.applied()).isTrue();
                awaitTrust(group, Set.of(oldCa.fingerprint(), newCa.fingerprint()));

                restartWithLeafOf(group, 1, newCa, prober);
                // nodes 2 and 3 still present leaves of the old CA only: the leader refuses to orphan them
                assertThatThrownBy(() -> operator.propose(TlsTrust.remove(oldCa.fingerprint())).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(ProposalException.class)
                        .hasMessageContaining("would leave the member certificate")
                        .hasMessageContaining("node-2").hasMessageContaining("node-3");
                restartWithLeafOf(group, 2, newCa, prober);
                restartWithLeafOf(group, 3, newCa, prober);

                // finalized by an operator of the new CA: the old one's connection may be cut before the reply
                try (MetadataClient current = group.client("operator-new", TestPki.leaf(newCa, "operator"), newCa)) {
                    ProposalResult finalized = current.propose(TlsTrust.remove(oldCa.fingerprint()))
                            .get(30, TimeUnit.SECONDS);
                    assertThat(finalized.applied()).as("%s", finalized.outcome()).isTrue();
                    awaitTrust(group, Set.of(newCa.fingerprint()));
                    assertThat(current.read().appliedIndex()).isGreaterThanOrEqualTo(finalized.index());
                }

                // the operator's connections were made under the old CA: cut within the age, refused when redialled
                TlsGroup.await("the old-CA client's connections are recycled and refused", WAIT,
                        () -> refused(operator));
                try (MetadataClient fresh = group.client("fresh-old", TestPki.leaf(oldCa, "operator-2"), newCa)) {
                    assertThatThrownBy(fresh::status).isInstanceOf(GroupUnreachableException.class);
                }
                prober.assertQuorumKept();
            }
            awaitEqualDigests(group);
        }
    }

    /** Stops node {@code id}, gives it a leaf of {@code ca} and starts it again; waits until it caught up. */
    private static void restartWithLeafOf(TlsGroup group, int id, TestPki.Issued ca, Prober prober)
            throws Exception {
        prober.avoid(id);
        group.stop(id);
        TestPki.leaf(ca, "node-" + id).writePem(group.keyFile(id), group.certFile(id));
        MetagroupNode node = group.startNode(id);
        node.group().ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long index = prober.proposeOnce();
        node.group().awaitApplied(index).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        prober.avoid(0);
    }

    private static void awaitTrust(TlsGroup group, Set<Sha256> expected) throws InterruptedException {
        Set<String> files = expected.stream().map(f -> f.toHex() + ".crt").collect(Collectors.toSet());
        for (int id = 1; id <= 3; id++) {
            int n = id;
            TlsGroup.await("node " + n + " trusts exactly " + expected, WAIT,
                    () -> group.trust(n).trustSet().fingerprints().equals(new TreeSet<>(expected))
                            && files.equals(fileNames(group.trustDir(n))));
        }
    }

    private static Set<String> fileNames(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (java.io.IOException e) {
            return Set.of();
        }
    }

    private static boolean refused(MetadataClient client) {
        try {
            client.status();
            return false;
        } catch (GroupUnreachableException e) {
            return true;
        }
    }

    private static void awaitEqualDigests(TlsGroup group) throws InterruptedException {
        TlsGroup.await("every node applied the same index with the same digest", WAIT, () -> {
            Set<Long> indexes = new TreeSet<>();
            Set<Sha256> digests = new TreeSet<>();
            for (MetagroupNode n : group.running()) {
                indexes.add(n.group().appliedIndex());
                digests.add(n.group().digest());
            }
            return indexes.size() == 1 && digests.size() == 1;
        });
    }

    /**
     * Proposes a SurrogateAlloc every 200 ms through a running node other than the one being restarted; records
     * every proposal that was not applied and every moment with no leader among the running nodes.
     */
    private static final class Prober implements AutoCloseable {
        private final TlsGroup group;
        private final Thread thread;
        private final AtomicInteger avoid = new AtomicInteger();
        private final AtomicLong hwm = new AtomicLong(1000);
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger applied = new AtomicInteger();
        private volatile boolean running = true;

        Prober(TlsGroup group) {
            this.group = group;
            this.thread = new Thread(this::run, "ca-rotation-prober");
            thread.setDaemon(true);
            thread.start();
        }

        /** From the end of the proposal in flight on, proposes through nodes other than {@code id}. */
        synchronized void avoid(int id) {
            avoid.set(id);
        }

        private void run() {
            while (running) {
                try {
                    proposeOnce();
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }

        /** One proposal through a node not being restarted; returns its index. */
        synchronized long proposeOnce() throws Exception {
            int through = avoid.get() == 1 ? 2 : 1;
            ProposalResult result = group.node(through).group()
                    .propose(new MetadataEntry.SurrogateAlloc(hwm.incrementAndGet())).get(30, TimeUnit.SECONDS);
            if (!result.applied()) {
                failures.add("not applied: " + result.outcome());
            }
            applied.incrementAndGet();
            return result.index();
        }

        void assertQuorumKept() {
            assertThat(failures).as("proposals that failed during the rotation").isEmpty();
            assertThat(applied.get()).as("proposals applied during the rotation").isGreaterThan(10);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(10_000);
        }
    }
}
