package io.metagroup.model;

import java.util.List;
import java.util.Optional;

/**
 * An entry of the replicated metadata log: every cluster-wide mutation is one of these variants, proposed to the
 * metadata group, committed by a quorum and applied in log order on every node.
 *
 * <p>Every variant is an immutable record whose constructor validates its fields, so an invalid entry cannot be
 * built. {@link TopologyChange} and {@link RoutingChange} are nested sealed families. Handle variants exhaustively
 * with {@link #accept(Visitor)}: a new variant breaks every visitor at compile time.
 */
public sealed interface MetadataEntry
        permits MetadataEntry.CatalogDdl, MetadataEntry.CatalogDdlAudited, MetadataEntry.Batch, TopologyChange,
        RoutingChange, MetadataEntry.ClusterVersionBump, MetadataEntry.DescriptorLeaseGrant,
        MetadataEntry.DescriptorLeaseRelease, MetadataEntry.DescriptorDrainStart, MetadataEntry.DescriptorDrainEnd,
        MetadataEntry.CaTrustChange, MetadataEntry.SurrogateAlloc, MetadataEntry.JoinTokenTransition,
        MetadataEntry.MigrationCheckpoint, MetadataEntry.MigrationAbort {

    /** Exhaustive handling of every top-level variant. */
    interface Visitor<R> {
        R catalogDdl(CatalogDdl e);

        R catalogDdlAudited(CatalogDdlAudited e);

        R batch(Batch e);

        R topologyChange(TopologyChange e);

        R routingChange(RoutingChange e);

        R clusterVersionBump(ClusterVersionBump e);

        R descriptorLeaseGrant(DescriptorLeaseGrant e);

        R descriptorLeaseRelease(DescriptorLeaseRelease e);

        R descriptorDrainStart(DescriptorDrainStart e);

        R descriptorDrainEnd(DescriptorDrainEnd e);

        R caTrustChange(CaTrustChange e);

        R surrogateAlloc(SurrogateAlloc e);

        R joinTokenTransition(JoinTokenTransition e);

        R migrationCheckpoint(MigrationCheckpoint e);

        R migrationAbort(MigrationAbort e);
    }

    /** Calls the visitor method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /**
     * A DDL mutation with an opaque, host-defined payload; counted by the core and handed to host appliers.
     *
     * @param payload the host's serialized catalog change
     */
    record CatalogDdl(Bytes payload) implements MetadataEntry {
        public CatalogDdl {
            Check.notNull(payload, "catalogDdl.payload");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.catalogDdl(this);
        }
    }

    /**
     * A DDL mutation with the authenticated identity and raw statement; applied as {@link CatalogDdl} plus one
     * durable audit record.
     */
    record CatalogDdlAudited(Bytes payload, String authUserId, String authUserName, String sqlText)
            implements MetadataEntry {
        public CatalogDdlAudited {
            Check.notNull(payload, "catalogDdlAudited.payload");
            Check.notNull(authUserId, "catalogDdlAudited.authUserId");
            Check.notNull(authUserName, "catalogDdlAudited.authUserName");
            Check.notNull(sqlText, "catalogDdlAudited.sqlText");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.catalogDdlAudited(this);
        }
    }

    /**
     * Sub-entries applied in order at one log index, all or none. Never empty.
     *
     * @param entries the sub-entries (copied); may themselves be batches
     */
    record Batch(List<MetadataEntry> entries) implements MetadataEntry {
        public Batch {
            entries = Check.list(entries, "batch.entries");
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("batch.entries must not be empty");
            }
        }

        /** A batch of the given entries. */
        public static Batch of(MetadataEntry... entries) {
            return new Batch(List.of(entries));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batch(this);
        }
    }

    /**
     * Moves the cluster version from {@code from} to {@code to}; Rejected when {@code from} is not the current one.
     *
     * @param from the version the proposer saw, unsigned 16-bit
     * @param to   the new version, unsigned 16-bit, greater than {@code from}
     */
    record ClusterVersionBump(int from, int to) implements MetadataEntry {
        public ClusterVersionBump {
            Check.u16(from, "clusterVersionBump.from");
            Check.u16(to, "clusterVersionBump.to");
            if (to <= from) {
                throw new IllegalArgumentException("clusterVersionBump.to (" + to + ") must be greater than from (" + from + ")");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.clusterVersionBump(this);
        }
    }

    /** Grants a descriptor lease; Rejected while a live drain covers its version. */
    record DescriptorLeaseGrant(DescriptorLease lease) implements MetadataEntry {
        public DescriptorLeaseGrant {
            Check.notNull(lease, "descriptorLeaseGrant.lease");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.descriptorLeaseGrant(this);
        }
    }

    /** Releases a node's leases on the given descriptors. */
    record DescriptorLeaseRelease(long nodeId, List<DescriptorId> descriptorIds) implements MetadataEntry {
        public DescriptorLeaseRelease {
            descriptorIds = Check.list(descriptorIds, "descriptorLeaseRelease.descriptorIds");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.descriptorLeaseRelease(this);
        }
    }

    /**
     * Starts draining leases on a descriptor: until {@code expiresAt} (judged by record HLCs), granting a lease at
     * a version at or below {@code upToVersion} is Rejected.
     */
    record DescriptorDrainStart(DescriptorId descriptorId, long upToVersion, Hlc expiresAt) implements MetadataEntry {
        public DescriptorDrainStart {
            Check.notNull(descriptorId, "descriptorDrainStart.descriptorId");
            Check.notNull(expiresAt, "descriptorDrainStart.expiresAt");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.descriptorDrainStart(this);
        }
    }

    /** Ends a descriptor's drain explicitly. */
    record DescriptorDrainEnd(DescriptorId descriptorId) implements MetadataEntry {
        public DescriptorDrainEnd {
            Check.notNull(descriptorId, "descriptorDrainEnd.descriptorId");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.descriptorDrainEnd(this);
        }
    }

    /**
     * Changes the cluster's CA trust set: adds a DER certificate, removes one by fingerprint, or both at once.
     * At least one of the two is present.
     */
    record CaTrustChange(Optional<Bytes> addCaCert, Optional<Sha256> removeCaFingerprint) implements MetadataEntry {
        public CaTrustChange {
            Check.notNull(addCaCert, "caTrustChange.addCaCert");
            Check.notNull(removeCaFingerprint, "caTrustChange.removeCaFingerprint");
            if (addCaCert.isEmpty() && removeCaFingerprint.isEmpty()) {
                throw new IllegalArgumentException("caTrustChange must add a CA certificate, remove a fingerprint, or both");
            }
            if (addCaCert.isPresent() && addCaCert.get().length() == 0) {
                throw new IllegalArgumentException("caTrustChange.addCaCert must not be empty");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.caTrustChange(this);
        }
    }

    /**
     * Raises the cluster-wide surrogate high-watermark; never lowers it.
     *
     * @param hwm unsigned 32-bit high-watermark
     */
    record SurrogateAlloc(long hwm) implements MetadataEntry {
        public SurrogateAlloc {
            Check.u32(hwm, "surrogateAlloc.hwm");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.surrogateAlloc(this);
        }
    }

    /**
     * A join-token lifecycle step.
     *
     * @param tokenHash  SHA-256 of the token; the raw token never enters the log
     * @param transition the step
     * @param tsMs       proposer's timestamp, milliseconds since the Unix epoch (informational; expiry is judged
     *                   by record HLCs)
     */
    record JoinTokenTransition(Sha256 tokenHash, JoinTokenTransitionKind transition, long tsMs)
            implements MetadataEntry {
        public JoinTokenTransition {
            Check.notNull(tokenHash, "joinTokenTransition.tokenHash");
            Check.notNull(transition, "joinTokenTransition.transition");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.joinTokenTransition(this);
        }
    }

    /**
     * A crash-safe migration checkpoint; idempotent on (migrationId, phase, attempt).
     *
     * @param migrationId canonical lower-case hyphenated UUID
     * @param phase       must equal {@code payload.phase()}
     * @param attempt     unsigned 32-bit attempt number
     * @param payload     what the phase records
     * @param crc32c      CRC32C of the payload's wire encoding, unsigned 32-bit
     * @param tsMs        proposer's timestamp in milliseconds, used by the recovery scan
     */
    record MigrationCheckpoint(String migrationId, MigrationPhase phase, long attempt,
                               MigrationCheckpointPayload payload, long crc32c, long tsMs) implements MetadataEntry {
        public MigrationCheckpoint {
            Check.uuid(migrationId, "migrationCheckpoint.migrationId");
            Check.notNull(phase, "migrationCheckpoint.phase");
            Check.u32(attempt, "migrationCheckpoint.attempt");
            Check.notNull(payload, "migrationCheckpoint.payload");
            Check.u32(crc32c, "migrationCheckpoint.crc32c");
            if (payload.phase() != phase) {
                throw new IllegalArgumentException("migrationCheckpoint.phase " + phase
                        + " does not match its payload's phase " + payload.phase());
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.migrationCheckpoint(this);
        }
    }

    /**
     * Aborts a migration: its compensations apply in order, then its checkpoint row is deleted.
     *
     * @param migrationId   canonical lower-case hyphenated UUID
     * @param reason        why, for operators
     * @param compensations undo steps (copied), applied in order
     */
    record MigrationAbort(String migrationId, String reason, List<Compensation> compensations)
            implements MetadataEntry {
        public MigrationAbort {
            Check.uuid(migrationId, "migrationAbort.migrationId");
            Check.notNull(reason, "migrationAbort.reason");
            compensations = Check.list(compensations, "migrationAbort.compensations");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.migrationAbort(this);
        }
    }
}
