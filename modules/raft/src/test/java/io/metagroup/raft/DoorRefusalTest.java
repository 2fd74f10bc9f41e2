package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.metagroup.codec.EntryCodec;
import io.metagroup.model.Bytes;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.raft.internal.Wire;
import io.metagroup.raft.support.RatisAdmin;
import io.metagroup.raft.support.Recorder;
import io.metagroup.raft.support.TestCluster;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposals refused before they enter the log, with a typed error: oversized, invalid (an applier's stateless
 * check), newer wire version, and a version bump no member supports. Checked both on the proposing node and by the
 * leader for bytes sent straight to it. Nothing reaches the log, and every node keeps running.
 */
class DoorRefusalTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void badProposalsAreRefusedBeforeTheLogWithTypedErrors(@TempDir Path dir) throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Tuning.defaults())) {
            long leader = cluster.awaitLeader(Duration.ofSeconds(20));
            MetadataGroup follower = cluster.node(leader % 3 + 1);
            ProposalResult first = follower.propose(Recorder.ddl("ok-1")).get(20, TimeUnit.SECONDS);
            cluster.awaitAllApplied(first.index(), Duration.ofSeconds(20));
            long commitBefore = cluster.node(leader).status().commitIndex();

            // on the proposing node
            assertRefused(follower.propose(new MetadataEntry.CatalogDdl(Bytes.of(new byte[2 << 20]))),
                    ProposalException.Kind.OVERSIZED);
            assertRefused(follower.propose(Recorder.ddl("invalid:nope")), ProposalException.Kind.INVALID);
            assertRefused(follower.propose(new MetadataEntry.ClusterVersionBump(1, 99)),
                    ProposalException.Kind.UNSUPPORTED_VERSION);
            assertRefused(follower.propose(new MetadataEntry.Batch(List.of(Recorder.ddl("fine"),
                    Recorder.ddl("invalid:inside-a-batch")))), ProposalException.Kind.INVALID);

            // by the leader, for bytes a proposer sent straight to it
            EntryCodec codec = new EntryCodec();
            byte[] valid = codec.encodeRecord(LogRecord.of(Hlc.ZERO,
                    new Proposal(new IdempotencyKey(7, 1), Recorder.ddl("invalid:raw"))));
            byte[] newer = valid.clone();
            newer[2] = 0;
            newer[3] = (byte) (EntryCodec.WIRE_VERSION + 1);
            byte[] oversized = ByteBuffer.allocate(9).put(valid, 0, 5).putInt(64 << 20).array();
            List<Member> members = List.of(cluster.config(1).self(), cluster.config(2).self(),
                    cluster.config(3).self());
            RaftClient client = RatisAdmin.client("test", members);
            try {
                assertThat(sendRaw(client, valid)).isEqualTo(ProposalException.Kind.INVALID);
                assertThat(sendRaw(client, newer)).isEqualTo(ProposalException.Kind.UNSUPPORTED_VERSION);
                assertThat(sendRaw(client, oversized)).isEqualTo(ProposalException.Kind.OVERSIZED);
                assertThat(sendRaw(client, new byte[] {1, 2, 3, 4, 5})).isEqualTo(ProposalException.Kind.MALFORMED);
            } finally {
                RatisAdmin.close(client);
            }

            assertThat(cluster.node(leader).status().commitIndex()).as("nothing entered the log")
                    .isEqualTo(commitBefore);
            ProposalResult after = follower.propose(Recorder.ddl("ok-2")).get(20, TimeUnit.SECONDS);
            cluster.awaitAllApplied(after.index(), Duration.ofSeconds(20));
            for (long id = 1; id <= 3; id++) {
                assertThat(cluster.node(id).status().healthy()).isTrue();
                assertThat(cluster.recorder(id).applied()).containsExactly("ok-1", "ok-2");
            }
        }
    }

    private static void assertRefused(java.util.concurrent.CompletableFuture<ProposalResult> f,
                                      ProposalException.Kind kind) {
        Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOfSatisfying(ProposalException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.key()).isPresent();
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    private static ProposalException.Kind sendRaw(RaftClient client, byte[] bytes) throws Exception {
        RaftClientReply reply;
        try {
            reply = client.async().send(Message.valueOf(ByteString.copyFrom(bytes))).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return Wire.refusalIn(e, null).orElseThrow(() -> new AssertionError("no typed refusal in " + e, e)).kind();
        }
        assertThat(reply.isSuccess()).as("reply to refused bytes").isFalse();
        return Wire.refusalIn(reply.getException(), null)
                .orElseThrow(() -> new AssertionError("no typed refusal in " + reply)).kind();
    }
}
