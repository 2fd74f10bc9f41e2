package io.metagroup.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.PeerTls;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.raft.client.GroupUnreachableException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer whose certificate no trusted CA signed cannot connect: in a three-node TLS group where node 3 presents a
 * certificate of a CA nobody trusts, nodes 1 and 2 commit without it and node 3 never receives an entry; a client
 * with such a certificate is refused, and so is a client that does not trust the members' CA. Connections keep
 * the default maximum age: with one member out, recycling the only good follower's connection on a busy machine
 * can cost the leader its lease (see the tls-trust README).
 */
@Timeout(120)
class UntrustedPeerRefusedTest {
    @TempDir
    Path dir;

    @Test
    void aPeerAndAClientOfAnUntrustedCaCannotConnect() throws Exception {
        TestPki.Issued clusterCa = TestPki.ca("cluster-ca");
        TestPki.Issued rogueCa = TestPki.ca("rogue-ca");
        List<TestPki.Issued> leaves = List.of(TestPki.leaf(clusterCa, "node-1"), TestPki.leaf(clusterCa, "node-2"),
                TestPki.leaf(rogueCa, "node-3"));
        try (TlsGroup group = TlsGroup.start(dir, clusterCa, leaves, PeerTls.DEFAULT_MAX_CONNECTION_AGE)) {
            ProposalResult result = proposeUntilApplied(group.node(1), new MetadataEntry.SurrogateAlloc(7));
            assertThat(result.applied()).isTrue();
            group.node(2).group().awaitApplied(result.index()).get(30, TimeUnit.SECONDS);
            // several election timeouts and leader heartbeats: node 3 had every chance to connect
            Thread.sleep(3_000);
            assertThat(group.node(3).group().appliedIndex()).as("entries node 3 received").isZero();
            assertThat(group.trust(3).replicated()).isFalse();

            try (MetadataClient rogue = group.client("rogue", TestPki.leaf(rogueCa, "operator"), clusterCa)) {
                assertThatThrownBy(rogue::status).isInstanceOf(GroupUnreachableException.class);
            }
            // trusting another CA than the members': no member's certificate passes the client's check
            TestPki.Issued otherCa = TestPki.ca("other-ca");
            try (MetadataClient distrustful = group.client("distrustful", TestPki.leaf(clusterCa, "operator"), otherCa)) {
                assertThatThrownBy(distrustful::status).isInstanceOf(GroupUnreachableException.class);
            }
            try (MetadataClient trusted = group.client("trusted", TestPki.leaf(clusterCa, "operator"), clusterCa)) {
                assertThat(trusted.readPluginState(TlsTrust.PLUGIN_ID)).isNotEmpty();
            }
        }
    }

    /**
     * Proposes {@code entry} through {@code node}, again with the same key after a retryable failure (as a client
     * would: two members keep the quorum alone, and a busy machine may cost them an election), for 90 s at most.
     */
    private static ProposalResult proposeUntilApplied(MetagroupNode node, MetadataEntry entry) throws Exception {
        IdempotencyKey key = node.group().nextKey();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                return node.group().propose(key, entry).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ProposalException p) || !p.kind().retryable()
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
