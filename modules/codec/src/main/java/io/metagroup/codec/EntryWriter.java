package io.metagroup.codec;

import io.metagroup.codec.CodecException.Kind;
import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.util.List;
import java.util.UUID;

/**
 * Writes log records, entries and checkpoint payloads as sections 3–5 of {@code docs/wire-format.md} lay them out.
 * The model's visitors make the handling exhaustive: a new variant does not compile until it is written here. One
 * per thread; not thread-safe.
 */
final class EntryWriter implements MetadataEntry.Visitor<Void>, TopologyChange.Visitor<Void>,
        RoutingChange.Visitor<Void>, JoinTokenTransitionKind.Visitor<Void>, Compensation.Visitor<Void>,
        MigrationCheckpointPayload.Visitor<Void> {
    private final WireWriter out;
    private final CodecLimits limits;
    private int batchDepth;

    EntryWriter(CodecLimits limits) {
        this.limits = limits;
        this.out = new WireWriter(limits);
    }

    byte[] record(LogRecord record) throws CodecException {
        return write(true, Envelope.KIND_RECORD, () -> {
            out.array(2);
            hlc(record.leaderHlc());
            List<Proposal> proposals = record.proposals();
            out.list("proposals", proposals.size(), limits.maxProposals());
            out.path.push("proposals", -1);
            for (int i = 0; i < proposals.size(); i++) {
                out.path.pushIndex(i, -1);
                out.array(2);
                key(proposals.get(i).key());
                entryField("entry", proposals.get(i).entry());
                out.path.pop();
            }
            out.path.pop();
        });
    }

    byte[] entry(MetadataEntry entry) throws CodecException {
        return write(true, Envelope.KIND_ENTRY, () -> entryField("entry", entry));
    }

    byte[] payload(MigrationCheckpointPayload payload) throws CodecException {
        return write(false, 0, () -> {
            out.path.push("payload", -1);
            payload.accept(this);
        });
    }

    /** Runs {@code body} on a fresh value and returns its bytes; a failure leaves nothing in the buffer. */
    private byte[] write(boolean envelope, int kind, Runnable body) throws CodecException {
        begin(envelope);
        boolean written = false;
        try {
            body.run();
            byte[] bytes = out.finish(kind);
            written = true;
            return bytes;
        } catch (EncodeFailure failure) {
            throw failure.failure();
        } finally {
            if (!written) {
                out.discard();
            }
        }
    }

    private void begin(boolean envelope) {
        out.begin(envelope);
        batchDepth = 0;
    }

    private void entryField(String field, MetadataEntry entry) {
        out.path.push(field, -1);
        entry.accept(this);
        out.path.pop();
        out.checkSize();
    }

    /** Opens a tagged array: {@code [tag, ...fields]}, and enters {@code name} for error messages. */
    private void tagged(String name, Object variant, int fields) {
        int tag = WireTags.tagOf(variant.getClass());
        if (tag < 0) {
            throw out.fail(Kind.UNKNOWN_TAG, name, "no wire tag for " + variant.getClass().getName());
        }
        tagged(name, tag, fields);
    }

    private void tagged(String name, int tag, int fields) {
        out.path.push(name, -1);
        out.array(1 + fields);
        out.unsigned(tag);
    }

    private Void done() {
        out.path.pop();
        return null;
    }

    private void hlc(Hlc hlc) {
        out.array(2);
        out.unsigned(hlc.wallNanos());
        out.unsigned(hlc.logical());
    }

    private void key(IdempotencyKey key) {
        out.array(2);
        out.unsigned(key.proposerId());
        out.unsigned(key.sequence());
    }

    private void descriptorId(String field, DescriptorId id) {
        out.path.push(field, -1);
        out.array(3);
        out.unsigned(id.tenantId());
        out.unsigned(WireTags.descriptorKindCode(id.kind()));
        out.str("name", id.name(), limits.maxStringBytes());
        out.path.pop();
    }

    private void sha256(Sha256 hash) {
        out.bin(hash.bytes().toByteArray());
    }

    private void uuid(String canonical) {
        UUID uuid = UUID.fromString(canonical);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        out.bin(bytes);
    }

    // ---- entries

    @Override
    public Void catalogDdl(MetadataEntry.CatalogDdl e) {
        tagged("catalogDdl", e, 1);
        out.bin("payload", e.payload(), limits.maxBinaryBytes());
        return done();
    }

    @Override
    public Void catalogDdlAudited(MetadataEntry.CatalogDdlAudited e) {
        tagged("catalogDdlAudited", e, 4);
        out.bin("payload", e.payload(), limits.maxBinaryBytes());
        out.str("authUserId", e.authUserId(), limits.maxStringBytes());
        out.str("authUserName", e.authUserName(), limits.maxStringBytes());
        out.str("sqlText", e.sqlText(), limits.maxSqlTextBytes());
        return done();
    }

    @Override
    public Void batch(MetadataEntry.Batch e) {
        tagged("batch", e, 1);
        if (batchDepth + 1 > limits.maxBatchDepth()) {
            throw out.fail(Kind.TOO_DEEP, null, "Batches nested deeper than the limit of " + limits.maxBatchDepth());
        }
        batchDepth++;
        List<MetadataEntry> entries = e.entries();
        out.list("entries", entries.size(), limits.maxArrayLength());
        out.path.push("entries", -1);
        for (int i = 0; i < entries.size(); i++) {
            out.path.pushIndex(i, -1);
            entries.get(i).accept(this);
            out.path.pop();
            out.checkSize();
        }
        out.path.pop();
        batchDepth--;
        return done();
    }

    @Override
    public Void topologyChange(TopologyChange e) {
        tagged("topologyChange", WireTags.TOPOLOGY_CHANGE, 1);
        e.acceptTopology(this);
        return done();
    }

    @Override
    public Void routingChange(RoutingChange e) {
        tagged("routingChange", WireTags.ROUTING_CHANGE, 1);
        e.acceptRouting(this);
        return done();
    }

    @Override
    public Void clusterVersionBump(MetadataEntry.ClusterVersionBump e) {
        return unsignedFields("clusterVersionBump", e, e.from(), e.to());
    }

    @Override
    public Void descriptorLeaseGrant(MetadataEntry.DescriptorLeaseGrant e) {
        tagged("descriptorLeaseGrant", e, 1);
        DescriptorLease lease = e.lease();
        out.path.push("lease", -1);
        out.array(4);
        descriptorId("descriptorId", lease.descriptorId());
        out.unsigned(lease.version());
        out.unsigned(lease.nodeId());
        hlc(lease.expiresAt());
        out.path.pop();
        return done();
    }

    @Override
    public Void descriptorLeaseRelease(MetadataEntry.DescriptorLeaseRelease e) {
        tagged("descriptorLeaseRelease", e, 2);
        out.unsigned(e.nodeId());
        List<DescriptorId> ids = e.descriptorIds();
        out.list("descriptorIds", ids.size(), limits.maxArrayLength());
        out.path.push("descriptorIds", -1);
        for (int i = 0; i < ids.size(); i++) {
            out.path.pushIndex(i, -1);
            descriptorId(null, ids.get(i));
            out.path.pop();
            out.checkSize();
        }
        out.path.pop();
        return done();
    }

    @Override
    public Void descriptorDrainStart(MetadataEntry.DescriptorDrainStart e) {
        tagged("descriptorDrainStart", e, 3);
        descriptorId("descriptorId", e.descriptorId());
        out.unsigned(e.upToVersion());
        hlc(e.expiresAt());
        return done();
    }

    @Override
    public Void descriptorDrainEnd(MetadataEntry.DescriptorDrainEnd e) {
        tagged("descriptorDrainEnd", e, 1);
        descriptorId("descriptorId", e.descriptorId());
        return done();
    }

    @Override
    public Void caTrustChange(MetadataEntry.CaTrustChange e) {
        tagged("caTrustChange", e, 2);
        if (e.addCaCert().isPresent()) {
            out.bin("addCaCert", e.addCaCert().get(), limits.maxBinaryBytes());
        } else {
            out.nil();
        }
        if (e.removeCaFingerprint().isPresent()) {
            sha256(e.removeCaFingerprint().get());
        } else {
            out.nil();
        }
        return done();
    }

    @Override
    public Void surrogateAlloc(MetadataEntry.SurrogateAlloc e) {
        return unsignedFields("surrogateAlloc", e, e.hwm());
    }

    @Override
    public Void joinTokenTransition(MetadataEntry.JoinTokenTransition e) {
        tagged("joinTokenTransition", e, 3);
        sha256(e.tokenHash());
        out.path.push("transition", -1);
        e.transition().accept(this);
        out.path.pop();
        out.unsigned(e.tsMs());
        return done();
    }

    @Override
    public Void migrationCheckpoint(MetadataEntry.MigrationCheckpoint e) {
        tagged("migrationCheckpoint", e, 6);
        uuid(e.migrationId());
        out.unsigned(WireTags.phaseCode(e.phase()));
        out.unsigned(e.attempt());
        out.path.push("payload", -1);
        e.payload().accept(this);
        out.path.pop();
        out.unsigned(e.crc32c());
        out.unsigned(e.tsMs());
        return done();
    }

    @Override
    public Void migrationAbort(MetadataEntry.MigrationAbort e) {
        tagged("migrationAbort", e, 3);
        uuid(e.migrationId());
        out.str("reason", e.reason(), limits.maxStringBytes());
        List<Compensation> compensations = e.compensations();
        out.list("compensations", compensations.size(), limits.maxArrayLength());
        out.path.push("compensations", -1);
        for (int i = 0; i < compensations.size(); i++) {
            out.path.pushIndex(i, -1);
            compensations.get(i).accept(this);
            out.path.pop();
            out.checkSize();
        }
        out.path.pop();
        return done();
    }

    // ---- topology changes

    @Override
    public Void join(TopologyChange.Join c) {
        tagged("join", c, 2);
        out.unsigned(c.nodeId());
        out.str("addr", c.addr(), limits.maxStringBytes());
        return done();
    }

    @Override
    public Void leave(TopologyChange.Leave c) {
        return nodeOnly("leave", c);
    }

    @Override
    public Void promoteToVoter(TopologyChange.PromoteToVoter c) {
        return nodeOnly("promoteToVoter", c);
    }

    @Override
    public Void startDecommission(TopologyChange.StartDecommission c) {
        return nodeOnly("startDecommission", c);
    }

    @Override
    public Void finishDecommission(TopologyChange.FinishDecommission c) {
        return nodeOnly("finishDecommission", c);
    }

    private Void nodeOnly(String name, TopologyChange c) {
        return unsignedFields(name, c, c.nodeId());
    }

    // ---- routing changes

    @Override
    public Void reassignVShard(RoutingChange.ReassignVShard c) {
        return unsignedFields("reassignVShard", c, c.vshardId(), c.newGroupId(), c.newLeaseholderNodeId());
    }

    @Override
    public Void leadershipTransfer(RoutingChange.LeadershipTransfer c) {
        return unsignedFields("leadershipTransfer", c, c.groupId(), c.newLeaderNodeId());
    }

    @Override
    public Void removeMember(RoutingChange.RemoveMember c) {
        return unsignedFields("removeMember", c, c.groupId(), c.nodeId());
    }

    // ---- join-token transitions

    @Override
    public Void register(JoinTokenTransitionKind.Register t) {
        return unsignedFields("register", t, t.expiresAtMs());
    }

    @Override
    public Void beginInFlight(JoinTokenTransitionKind.BeginInFlight t) {
        tagged("beginInFlight", t, 1);
        out.str("nodeAddr", t.nodeAddr(), limits.maxStringBytes());
        return done();
    }

    @Override
    public Void markConsumed(JoinTokenTransitionKind.MarkConsumed t) {
        tagged("markConsumed", t, 1);
        out.str("nodeAddr", t.nodeAddr(), limits.maxStringBytes());
        return done();
    }

    @Override
    public Void revertInFlight(JoinTokenTransitionKind.RevertInFlight t) {
        tagged("revertInFlight", t, 0);
        return done();
    }

    @Override
    public Void markExpired(JoinTokenTransitionKind.MarkExpired t) {
        tagged("markExpired", t, 0);
        return done();
    }

    @Override
    public Void markAborted(JoinTokenTransitionKind.MarkAborted t) {
        tagged("markAborted", t, 0);
        return done();
    }

    // ---- compensations

    @Override
    public Void removeLearner(Compensation.RemoveLearner c) {
        return unsignedFields("removeLearner", c, c.groupId(), c.peerId());
    }

    @Override
    public Void removeVoter(Compensation.RemoveVoter c) {
        return unsignedFields("removeVoter", c, c.groupId(), c.peerId());
    }

    @Override
    public Void restoreLeaderHint(Compensation.RestoreLeaderHint c) {
        return unsignedFields("restoreLeaderHint", c, c.groupId(), c.peerId());
    }

    @Override
    public Void removeGhostStub(Compensation.RemoveGhostStub c) {
        return unsignedFields("removeGhostStub", c, c.vshardId());
    }

    /** A variant whose fields are all unsigned integers, in order. */
    private Void unsignedFields(String name, Object variant, long... values) {
        tagged(name, variant, values.length);
        for (long value : values) {
            out.unsigned(value);
        }
        return done();
    }

    // ---- checkpoint payloads

    @Override
    public Void addLearner(MigrationCheckpointPayload.AddLearner p) {
        tagged("addLearner", p, 6);
        out.unsigned(p.vshardId());
        out.unsigned(p.sourceNode());
        out.unsigned(p.targetNode());
        out.unsigned(p.sourceGroup());
        out.unsigned(p.writePauseBudgetUs());
        hlc(p.startedAtHlc());
        return done();
    }

    @Override
    public Void catchUp(MigrationCheckpointPayload.CatchUp p) {
        return unsignedFields("catchUp", p, p.vshardId(), p.learnerLogIndexAtAdd());
    }

    @Override
    public Void promoteLearner(MigrationCheckpointPayload.PromoteLearner p) {
        return unsignedFields("promoteLearner", p, p.vshardId(), p.targetNode(), p.sourceGroup());
    }

    @Override
    public Void leadershipTransfer(MigrationCheckpointPayload.LeadershipTransfer p) {
        tagged("leadershipTransfer", p, 4);
        out.unsigned(p.vshardId());
        out.bool(p.targetIsVoter());
        out.unsigned(p.newLeaderNodeId());
        out.unsigned(p.sourceGroup());
        return done();
    }

    @Override
    public Void cutover(MigrationCheckpointPayload.Cutover p) {
        return unsignedFields("cutover", p, p.vshardId(), p.newLeaderNodeId(), p.sourceGroup());
    }

    @Override
    public Void complete(MigrationCheckpointPayload.Complete p) {
        tagged("complete", p, 3);
        out.unsigned(p.vshardId());
        out.unsigned(p.actualPauseUs());
        out.bool(p.ghostStubInstalled());
        return done();
    }
}
