package io.metagroup.raft.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.core.MetadataCore;
import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Proposal;
import io.metagroup.raft.ProposalException;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The checks a proposal passes before it may enter the log: codec limits and wire version (by decoding what was
 * sent), the version gate of ClusterVersionBump, and every applier's stateless checks. Run by the proposer (to fail
 * fast) and again by the leader (the authority).
 */
public final class Door {
    /** The highest cluster version this build can apply. */
    public static final int SUPPORTED_VERSION = EntryCodec.WIRE_VERSION;

    private final EntryCodec codec;
    private final MetadataCore core;
    private final int supportedVersion;
    private volatile IntFunction<Optional<String>> members = to -> Optional.empty();

    /** A door for {@code core}'s appliers, on a node that can apply cluster versions up to {@code supportedVersion}. */
    public Door(EntryCodec codec, MetadataCore core, int supportedVersion) {
        this.codec = codec;
        this.core = core;
        this.supportedVersion = supportedVersion;
    }

    /**
     * Also refuses a ClusterVersionBump to {@code to} when {@code members} explains why some other member cannot
     * apply it. Set on the leader's door, which knows the members' versions; the proposer's door checks only its own.
     */
    public void membersGate(IntFunction<Optional<String>> members) {
        this.members = members;
    }

    /** Decodes a request from a proposer, or explains why it is refused. */
    public LogRecord decode(byte[] request) throws ProposalException {
        try {
            return codec.decodeRecord(request);
        } catch (CodecException e) {
            throw new ProposalException(kindOf(e), null, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ProposalException(ProposalException.Kind.MALFORMED, null, "undecodable request: " + e, e);
        }
    }

    /** Maps a codec failure to the kind of refusal. */
    public static ProposalException.Kind kindOf(CodecException e) {
        return switch (e.kind()) {
            case OVERSIZED, TOO_DEEP -> ProposalException.Kind.OVERSIZED;
            case UNKNOWN_VERSION -> ProposalException.Kind.UNSUPPORTED_VERSION;
            case TRUNCATED, UNKNOWN_TAG, TRAILING_BYTES, WRONG_TYPE, INVALID_VALUE, BAD_MARKER ->
                    ProposalException.Kind.MALFORMED;
        };
    }

    /** Checks every proposal of a record; throws the first refusal. */
    public void check(LogRecord record) throws ProposalException {
        for (Proposal p : record.proposals()) {
            check(p.key(), p.entry());
        }
    }

    /** Checks one entry (a Batch whole and each sub-entry, as the core does). */
    public void check(IdempotencyKey key, MetadataEntry entry) throws ProposalException {
        Optional<String> gate = versionGate(entry);
        if (gate.isPresent()) {
            throw new ProposalException(ProposalException.Kind.UNSUPPORTED_VERSION, key, gate.get());
        }
        Optional<String> invalid;
        try {
            invalid = core.validate(entry);
        } catch (RuntimeException e) {
            invalid = Optional.of("validation failed: " + e);
        }
        if (invalid.isPresent()) {
            throw new ProposalException(ProposalException.Kind.INVALID, key, invalid.get());
        }
    }

    private Optional<String> versionGate(MetadataEntry entry) {
        if (entry instanceof MetadataEntry.ClusterVersionBump bump) {
            if (bump.to() > supportedVersion) {
                return Optional.of("ClusterVersionBump to " + bump.to() + " refused: this node supports cluster version "
                        + supportedVersion + " at most, and every member must support the target version");
            }
            return members.apply(bump.to()).map(why -> "ClusterVersionBump to " + bump.to() + " refused: " + why);
        }
        if (entry instanceof MetadataEntry.Batch batch) {
            for (MetadataEntry e : batch.entries()) {
                Optional<String> sub = versionGate(e);
                if (sub.isPresent()) {
                    return sub;
                }
            }
        }
        return Optional.empty();
    }
}
