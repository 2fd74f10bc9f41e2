package io.metagroup.codec;

import io.metagroup.codec.CodecException.Kind;
import io.metagroup.model.Bytes;
import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import io.metagroup.model.Proposal;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;

/**
 * Reads log records and entries as sections 3–5 of {@code docs/wire-format.md} lay them out, from untrusted bytes.
 * Recursion happens only into a Batch, bounded by the depth limit; every list is bounded by a limit and by the
 * bytes left. A value the model refuses (its constructors throw {@link IllegalArgumentException}) becomes
 * {@code INVALID_VALUE} naming where it is. One per thread; not thread-safe.
 */
final class EntryReader {
    private final WireReader in;
    private final CodecLimits limits;

    EntryReader(CodecLimits limits) {
        this.limits = limits;
        this.in = new WireReader(limits);
    }

    /** A body reader that may fail. */
    private interface Body<T> {
        T read() throws IOException, CodecException;
    }

    LogRecord decodeRecord(byte[] bytes, int bodyLength) throws CodecException {
        return decode(bytes, bodyLength, this::record);
    }

    MetadataEntry decodeEntry(byte[] bytes, int bodyLength) throws CodecException {
        return decode(bytes, bodyLength, () -> entry("entry", 0));
    }

    private <T> T decode(byte[] bytes, int bodyLength, Body<T> body) throws CodecException {
        try {
            in.reset(bytes, Envelope.HEADER_LENGTH, bodyLength);
            T value = body.read();
            in.expectEnd();
            return value;
        } catch (IllegalArgumentException e) { // a model constructor refused the value
            throw in.error(Kind.INVALID_VALUE, in.path.start(), null, e.getMessage());
        } catch (MessageInsufficientBufferException e) { // cannot happen: every read is checked against the bytes left
            throw in.error(Kind.TRUNCATED, in.pos(), null, "the body ends inside a value");
        } catch (MessageSizeException e) { // cannot happen: every length is checked against the limits
            throw in.error(Kind.OVERSIZED, in.pos(), null, String.valueOf(e.getMessage()));
        } catch (MessagePackException | IOException e) { // cannot happen: every type is checked first
            throw in.error(Kind.WRONG_TYPE, in.pos(), null, String.valueOf(e.getMessage()));
        } finally {
            try {
                in.release();
            } catch (IOException ignored) {
                // resetting an in-memory input cannot fail
            }
        }
    }

    private LogRecord record() throws IOException, CodecException {
        in.tuple("logRecord", 2);
        Hlc leaderHlc = hlc("leaderHlc");
        int p = in.pos();
        int count = in.list("proposals", limits.maxProposals());
        in.path.push("proposals", p);
        List<Proposal> proposals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.path.pushIndex(i, in.pos());
            in.tuple(null, 2);
            IdempotencyKey key = key("key");
            MetadataEntry entry = entry("entry", 0);
            proposals.add(new Proposal(key, entry));
            in.path.pop();
        }
        LogRecord record = new LogRecord(leaderHlc, proposals); // a refusal names the proposals and their offset
        in.path.pop();
        return record;
    }

    // ---- shared values

    private Hlc hlc(String field) throws IOException, CodecException {
        in.path.push(field, in.pos());
        in.tuple(null, 2);
        Hlc hlc = new Hlc(in.u64("wallNanos"), in.u32("logical"));
        in.path.pop();
        return hlc;
    }

    private IdempotencyKey key(String field) throws IOException, CodecException {
        in.path.push(field, in.pos());
        in.tuple(null, 2);
        IdempotencyKey key = new IdempotencyKey(in.u64("proposerId"), in.u64("sequence"));
        in.path.pop();
        return key;
    }

    /** A DescriptorId; {@code field} is null for a list element, whose index is already on the path. */
    private DescriptorId descriptorId(String field) throws IOException, CodecException {
        if (field != null) {
            in.path.push(field, in.pos());
        }
        in.tuple(null, 3);
        long tenantId = in.u32("tenantId");
        int p = in.pos();
        long code = in.unsigned("kind");
        DescriptorKind kind = WireTags.descriptorKind(code);
        if (kind == null) {
            throw in.error(Kind.UNKNOWN_TAG, p, "kind", "unknown descriptor kind code " + Long.toUnsignedString(code));
        }
        DescriptorId id = new DescriptorId(tenantId, kind, in.str("name", limits.maxStringBytes()));
        if (field != null) {
            in.path.pop();
        }
        return id;
    }

    private Sha256 sha256(String field) throws IOException, CodecException {
        return new Sha256(Bytes.of(in.fixedBin(field, Sha256.LENGTH)));
    }

    private String uuid(String field) throws IOException, CodecException {
        byte[] bits = in.fixedBin(field, 16);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bits[i] & 0xFF);
            least = (least << 8) | (bits[8 + i] & 0xFF);
        }
        return new UUID(most, least).toString();
    }

    /** Enters variant {@code name} of a tagged value at {@code start} after checking its element count. */
    private void variant(String name, int count, int fields, int start) throws CodecException {
        if (count != 1 + fields) {
            throw in.error(Kind.WRONG_TYPE, start, name, "must be an array of " + (1 + fields) + " elements (tag and "
                    + fields + " fields), got " + count);
        }
        in.path.push(name, start);
    }

    private CodecException unknownTag(int start, String family, long tag) {
        return in.error(Kind.UNKNOWN_TAG, start, null, "unknown " + family + " tag " + Long.toUnsignedString(tag));
    }

    // ---- entries

    /** An entry; {@code field} is null for a Batch element, whose index is already on the path. */
    private MetadataEntry entry(String field, int batchDepth) throws IOException, CodecException {
        int start = in.pos();
        if (field != null) {
            in.path.push(field, start);
        }
        int count = in.taggedHeader(null);
        long tag = in.unsigned("tag");
        MetadataEntry entry;
        switch (WireTags.small(tag)) {
            case WireTags.CATALOG_DDL:
                variant("catalogDdl", count, 1, start);
                entry = new MetadataEntry.CatalogDdl(in.bin("payload", limits.maxBinaryBytes()));
                break;
            case WireTags.CATALOG_DDL_AUDITED:
                variant("catalogDdlAudited", count, 4, start);
                entry = new MetadataEntry.CatalogDdlAudited(in.bin("payload", limits.maxBinaryBytes()),
                        in.str("authUserId", limits.maxStringBytes()), in.str("authUserName", limits.maxStringBytes()),
                        in.str("sqlText", limits.maxSqlTextBytes()));
                break;
            case WireTags.BATCH:
                variant("batch", count, 1, start);
                entry = batch(start, batchDepth + 1);
                break;
            case WireTags.TOPOLOGY_CHANGE:
                variant("topologyChange", count, 1, start);
                entry = topologyChange();
                break;
            case WireTags.ROUTING_CHANGE:
                variant("routingChange", count, 1, start);
                entry = routingChange();
                break;
            case WireTags.CLUSTER_VERSION_BUMP:
                variant("clusterVersionBump", count, 2, start);
                entry = new MetadataEntry.ClusterVersionBump(in.u16("from"), in.u16("to"));
                break;
            case WireTags.DESCRIPTOR_LEASE_GRANT:
                variant("descriptorLeaseGrant", count, 1, start);
                entry = new MetadataEntry.DescriptorLeaseGrant(lease());
                break;
            case WireTags.DESCRIPTOR_LEASE_RELEASE:
                variant("descriptorLeaseRelease", count, 2, start);
                entry = new MetadataEntry.DescriptorLeaseRelease(in.u64("nodeId"), descriptorIds());
                break;
            case WireTags.DESCRIPTOR_DRAIN_START:
                variant("descriptorDrainStart", count, 3, start);
                entry = new MetadataEntry.DescriptorDrainStart(descriptorId("descriptorId"), in.u64("upToVersion"),
                        hlc("expiresAt"));
                break;
            case WireTags.DESCRIPTOR_DRAIN_END:
                variant("descriptorDrainEnd", count, 1, start);
                entry = new MetadataEntry.DescriptorDrainEnd(descriptorId("descriptorId"));
                break;
            case WireTags.CA_TRUST_CHANGE:
                variant("caTrustChange", count, 2, start);
                Optional<Bytes> addCaCert = in.nil() ? Optional.empty()
                        : Optional.of(in.bin("addCaCert", limits.maxBinaryBytes()));
                Optional<Sha256> removeCaFingerprint = in.nil() ? Optional.empty()
                        : Optional.of(sha256("removeCaFingerprint"));
                entry = new MetadataEntry.CaTrustChange(addCaCert, removeCaFingerprint);
                break;
            case WireTags.SURROGATE_ALLOC:
                variant("surrogateAlloc", count, 1, start);
                entry = new MetadataEntry.SurrogateAlloc(in.u32("hwm"));
                break;
            case WireTags.JOIN_TOKEN_TRANSITION:
                variant("joinTokenTransition", count, 3, start);
                entry = new MetadataEntry.JoinTokenTransition(sha256("tokenHash"), transition(), in.u64("tsMs"));
                break;
            case WireTags.MIGRATION_CHECKPOINT:
                variant("migrationCheckpoint", count, 6, start);
                entry = migrationCheckpoint();
                break;
            case WireTags.MIGRATION_ABORT:
                variant("migrationAbort", count, 3, start);
                entry = new MetadataEntry.MigrationAbort(uuid("migrationId"), in.str("reason", limits.maxStringBytes()),
                        compensations());
                break;
            default:
                throw unknownTag(start, "entry", tag);
        }
        in.path.pop(); // the variant
        if (field != null) {
            in.path.pop();
        }
        return entry;
    }

    private MetadataEntry.Batch batch(int start, int depth) throws IOException, CodecException {
        if (depth > limits.maxBatchDepth()) {
            throw in.error(Kind.TOO_DEEP, start, null, "Batches nested deeper than the limit of " + limits.maxBatchDepth());
        }
        int p = in.pos();
        int count = in.list("entries", limits.maxArrayLength());
        in.path.push("entries", p);
        List<MetadataEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.path.pushIndex(i, in.pos());
            entries.add(entry(null, depth));
            in.path.pop();
        }
        in.path.pop();
        return new MetadataEntry.Batch(entries);
    }

    private DescriptorLease lease() throws IOException, CodecException {
        in.path.push("lease", in.pos());
        in.tuple(null, 4);
        DescriptorLease lease = new DescriptorLease(descriptorId("descriptorId"), in.u64("version"), in.u64("nodeId"),
                hlc("expiresAt"));
        in.path.pop();
        return lease;
    }

    private List<DescriptorId> descriptorIds() throws IOException, CodecException {
        int p = in.pos();
        int count = in.list("descriptorIds", limits.maxArrayLength());
        in.path.push("descriptorIds", p);
        List<DescriptorId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.path.pushIndex(i, in.pos());
            ids.add(descriptorId(null));
            in.path.pop();
        }
        in.path.pop();
        return ids;
    }

    private MetadataEntry.MigrationCheckpoint migrationCheckpoint() throws IOException, CodecException {
        String migrationId = uuid("migrationId");
        int p = in.pos();
        long code = in.unsigned("phase");
        MigrationPhase phase = WireTags.phase(code);
        if (phase == null) {
            throw in.error(Kind.UNKNOWN_TAG, p, "phase", "unknown migration phase code " + Long.toUnsignedString(code));
        }
        long attempt = in.u32("attempt");
        MigrationCheckpointPayload payload = payload();
        return new MetadataEntry.MigrationCheckpoint(migrationId, phase, attempt, payload, in.u32("crc32c"),
                in.u64("tsMs"));
    }

    private List<Compensation> compensations() throws IOException, CodecException {
        int p = in.pos();
        int count = in.list("compensations", limits.maxArrayLength());
        in.path.push("compensations", p);
        List<Compensation> compensations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.path.pushIndex(i, in.pos());
            compensations.add(compensation());
            in.path.pop();
        }
        in.path.pop();
        return compensations;
    }

    // ---- nested tagged families

    private TopologyChange topologyChange() throws IOException, CodecException {
        int start = in.pos();
        int count = in.taggedHeader("change");
        long tag = in.unsigned("tag");
        TopologyChange change;
        switch (WireTags.small(tag)) {
            case WireTags.JOIN:
                variant("join", count, 2, start);
                change = new TopologyChange.Join(in.u64("nodeId"), in.str("addr", limits.maxStringBytes()));
                break;
            case WireTags.LEAVE:
                variant("leave", count, 1, start);
                change = new TopologyChange.Leave(in.u64("nodeId"));
                break;
            case WireTags.PROMOTE_TO_VOTER:
                variant("promoteToVoter", count, 1, start);
                change = new TopologyChange.PromoteToVoter(in.u64("nodeId"));
                break;
            case WireTags.START_DECOMMISSION:
                variant("startDecommission", count, 1, start);
                change = new TopologyChange.StartDecommission(in.u64("nodeId"));
                break;
            case WireTags.FINISH_DECOMMISSION:
                variant("finishDecommission", count, 1, start);
                change = new TopologyChange.FinishDecommission(in.u64("nodeId"));
                break;
            default:
                throw unknownTag(start, "topology change", tag);
        }
        in.path.pop();
        return change;
    }

    private RoutingChange routingChange() throws IOException, CodecException {
        int start = in.pos();
        int count = in.taggedHeader("change");
        long tag = in.unsigned("tag");
        RoutingChange change;
        switch (WireTags.small(tag)) {
            case WireTags.REASSIGN_VSHARD:
                variant("reassignVShard", count, 3, start);
                change = new RoutingChange.ReassignVShard(in.u32("vshardId"), in.u64("newGroupId"),
                        in.u64("newLeaseholderNodeId"));
                break;
            case WireTags.ROUTING_LEADERSHIP_TRANSFER:
                variant("leadershipTransfer", count, 2, start);
                change = new RoutingChange.LeadershipTransfer(in.u64("groupId"), in.u64("newLeaderNodeId"));
                break;
            case WireTags.REMOVE_MEMBER:
                variant("removeMember", count, 2, start);
                change = new RoutingChange.RemoveMember(in.u64("groupId"), in.u64("nodeId"));
                break;
            default:
                throw unknownTag(start, "routing change", tag);
        }
        in.path.pop();
        return change;
    }

    private JoinTokenTransitionKind transition() throws IOException, CodecException {
        int start = in.pos();
        int count = in.taggedHeader("transition");
        long tag = in.unsigned("tag");
        JoinTokenTransitionKind transition;
        switch (WireTags.small(tag)) {
            case WireTags.REGISTER:
                variant("register", count, 1, start);
                transition = new JoinTokenTransitionKind.Register(in.u64("expiresAtMs"));
                break;
            case WireTags.BEGIN_IN_FLIGHT:
                variant("beginInFlight", count, 1, start);
                transition = new JoinTokenTransitionKind.BeginInFlight(in.str("nodeAddr", limits.maxStringBytes()));
                break;
            case WireTags.MARK_CONSUMED:
                variant("markConsumed", count, 1, start);
                transition = new JoinTokenTransitionKind.MarkConsumed(in.str("nodeAddr", limits.maxStringBytes()));
                break;
            case WireTags.REVERT_IN_FLIGHT:
                variant("revertInFlight", count, 0, start);
                transition = new JoinTokenTransitionKind.RevertInFlight();
                break;
            case WireTags.MARK_EXPIRED:
                variant("markExpired", count, 0, start);
                transition = new JoinTokenTransitionKind.MarkExpired();
                break;
            case WireTags.MARK_ABORTED:
                variant("markAborted", count, 0, start);
                transition = new JoinTokenTransitionKind.MarkAborted();
                break;
            default:
                throw unknownTag(start, "join-token transition", tag);
        }
        in.path.pop();
        return transition;
    }

    private Compensation compensation() throws IOException, CodecException {
        int start = in.pos();
        int count = in.taggedHeader(null);
        long tag = in.unsigned("tag");
        Compensation compensation;
        switch (WireTags.small(tag)) {
            case WireTags.REMOVE_LEARNER:
                variant("removeLearner", count, 2, start);
                compensation = new Compensation.RemoveLearner(in.u64("groupId"), in.u64("peerId"));
                break;
            case WireTags.REMOVE_VOTER:
                variant("removeVoter", count, 2, start);
                compensation = new Compensation.RemoveVoter(in.u64("groupId"), in.u64("peerId"));
                break;
            case WireTags.RESTORE_LEADER_HINT:
                variant("restoreLeaderHint", count, 2, start);
                compensation = new Compensation.RestoreLeaderHint(in.u64("groupId"), in.u64("peerId"));
                break;
            case WireTags.REMOVE_GHOST_STUB:
                variant("removeGhostStub", count, 1, start);
                compensation = new Compensation.RemoveGhostStub(in.u32("vshardId"));
                break;
            default:
                throw unknownTag(start, "compensation", tag);
        }
        in.path.pop();
        return compensation;
    }

    private MigrationCheckpointPayload payload() throws IOException, CodecException {
        int start = in.pos();
        int count = in.taggedHeader("payload");
        long tag = in.unsigned("tag");
        MigrationCheckpointPayload payload;
        switch (WireTags.small(tag)) {
            case WireTags.ADD_LEARNER:
                variant("addLearner", count, 6, start);
                payload = new MigrationCheckpointPayload.AddLearner(in.u32("vshardId"), in.u64("sourceNode"),
                        in.u64("targetNode"), in.u64("sourceGroup"), in.u64("writePauseBudgetUs"), hlc("startedAtHlc"));
                break;
            case WireTags.CATCH_UP:
                variant("catchUp", count, 2, start);
                payload = new MigrationCheckpointPayload.CatchUp(in.u32("vshardId"), in.u64("learnerLogIndexAtAdd"));
                break;
            case WireTags.PROMOTE_LEARNER:
                variant("promoteLearner", count, 3, start);
                payload = new MigrationCheckpointPayload.PromoteLearner(in.u32("vshardId"), in.u64("targetNode"),
                        in.u64("sourceGroup"));
                break;
            case WireTags.PAYLOAD_LEADERSHIP_TRANSFER:
                variant("leadershipTransfer", count, 4, start);
                payload = new MigrationCheckpointPayload.LeadershipTransfer(in.u32("vshardId"), in.bool("targetIsVoter"),
                        in.u64("newLeaderNodeId"), in.u64("sourceGroup"));
                break;
            case WireTags.CUTOVER:
                variant("cutover", count, 3, start);
                payload = new MigrationCheckpointPayload.Cutover(in.u32("vshardId"), in.u64("newLeaderNodeId"),
                        in.u64("sourceGroup"));
                break;
            case WireTags.COMPLETE:
                variant("complete", count, 3, start);
                payload = new MigrationCheckpointPayload.Complete(in.u32("vshardId"), in.u64("actualPauseUs"),
                        in.bool("ghostStubInstalled"));
                break;
            default:
                throw unknownTag(start, "checkpoint payload", tag);
        }
        in.path.pop();
        return payload;
    }
}
