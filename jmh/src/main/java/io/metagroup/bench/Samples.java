package io.metagroup.bench;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.model.Bytes;
import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Fixed, realistic entries for the benchmarks: one per variant family, the 200-byte DDL, a 100-entry Batch. */
public final class Samples {
    /** Payload size of the DDL entries that the end-to-end runs propose, as in the etcd comparison. */
    public static final int DDL_BYTES = 200;
    /** Entries in the Batch samples. */
    public static final int BATCH_SIZE = 100;

    private static final EntryCodec CODEC = new EntryCodec();

    /** Every top-level variant family of {@link MetadataEntry}, plus a 100-entry Batch. */
    public enum Family {
        CATALOG_DDL, CATALOG_DDL_AUDITED, BATCH_100, TOPOLOGY_CHANGE, ROUTING_CHANGE, CLUSTER_VERSION_BUMP,
        DESCRIPTOR_LEASE_GRANT, DESCRIPTOR_LEASE_RELEASE, DESCRIPTOR_DRAIN_START, DESCRIPTOR_DRAIN_END,
        CA_TRUST_CHANGE, SURROGATE_ALLOC, JOIN_TOKEN_TRANSITION, MIGRATION_CHECKPOINT, MIGRATION_ABORT
    }

    /**
     * The families the baselines also write: bytes, nested ids and strings, a UUID and a payload with a CRC, and a
     * Batch of those. Each has the name of its {@link Family}.
     */
    public enum Shape {
        CATALOG_DDL, DESCRIPTOR_LEASE_GRANT, MIGRATION_CHECKPOINT, BATCH_100;

        /** The family of the same name. */
        public Family family() {
            return Family.valueOf(name());
        }
    }

    private Samples() {}

    /** The sample of {@code family}. */
    public static MetadataEntry of(Family family) {
        return switch (family) {
            case CATALOG_DDL -> ddl(1);
            case CATALOG_DDL_AUDITED -> new MetadataEntry.CatalogDdlAudited(payload(2, DDL_BYTES), "u-1042",
                    "alice@example.com", "ALTER TABLE orders ADD COLUMN shipped_at TIMESTAMP NULL");
            case BATCH_100 -> mixedBatch();
            case TOPOLOGY_CHANGE -> new TopologyChange.Join(7, "127.0.0.1:7107");
            case ROUTING_CHANGE -> new RoutingChange.ReassignVShard(517, 12, 7);
            case CLUSTER_VERSION_BUMP -> new MetadataEntry.ClusterVersionBump(3, 4);
            case DESCRIPTOR_LEASE_GRANT -> leaseGrant(1);
            case DESCRIPTOR_LEASE_RELEASE -> new MetadataEntry.DescriptorLeaseRelease(7,
                    List.of(descriptor(1), descriptor(2), descriptor(3)));
            case DESCRIPTOR_DRAIN_START -> new MetadataEntry.DescriptorDrainStart(descriptor(1), 41,
                    new Hlc(1_700_000_030_000_000_000L, 0));
            case DESCRIPTOR_DRAIN_END -> new MetadataEntry.DescriptorDrainEnd(descriptor(1));
            case CA_TRUST_CHANGE -> new MetadataEntry.CaTrustChange(Optional.of(payload(3, 900)),
                    Optional.of(Sha256.of(payload(4, 32).toByteArray())));
            case SURROGATE_ALLOC -> new MetadataEntry.SurrogateAlloc(1_048_576);
            case JOIN_TOKEN_TRANSITION -> new MetadataEntry.JoinTokenTransition(
                    Sha256.of(payload(5, 32).toByteArray()),
                    new JoinTokenTransitionKind.BeginInFlight("127.0.0.1:7108"), 1_700_000_000_000L);
            case MIGRATION_CHECKPOINT -> checkpoint(1, 1);
            case MIGRATION_ABORT -> new MetadataEntry.MigrationAbort(migrationId(1), "catch-up timed out",
                    List.of(new Compensation.RemoveLearner(12, 7), new Compensation.RestoreLeaderHint(12, 3),
                            new Compensation.RemoveGhostStub(517)));
        };
    }

    /** The sample of {@code shape}. */
    public static MetadataEntry of(Shape shape) {
        return of(shape.family());
    }

    /** How many entries {@code shape} holds (100 for the Batch, else 1): divides B/op into bytes per entry. */
    public static int entries(Shape shape) {
        return shape == Shape.BATCH_100 ? BATCH_SIZE : 1;
    }

    /** A 200-byte DDL whose payload depends on {@code seed}. */
    public static MetadataEntry.CatalogDdl ddl(long seed) {
        return new MetadataEntry.CatalogDdl(payload(seed, DDL_BYTES));
    }

    /** A lease grant of descriptor {@code n}. */
    public static MetadataEntry.DescriptorLeaseGrant leaseGrant(long n) {
        return new MetadataEntry.DescriptorLeaseGrant(new DescriptorLease(descriptor(n), 42, 7,
                new Hlc(1_700_000_000_000_000_000L + n, 3)));
    }

    /** An AddLearner checkpoint of migration {@code n} at {@code attempt}, with the right CRC32C. */
    public static MetadataEntry.MigrationCheckpoint checkpoint(long n, long attempt) {
        var payload = new MigrationCheckpointPayload.AddLearner(n % 1024, 3, 7, 12, 250_000,
                new Hlc(1_700_000_000_000_000_000L, 0));
        try {
            return new MetadataEntry.MigrationCheckpoint(migrationId(n), MigrationPhase.ADD_LEARNER, attempt, payload,
                    CODEC.payloadCrc32c(payload), 1_700_000_000_000L + attempt);
        } catch (CodecException e) {
            throw new IllegalStateException("the sample checkpoint payload does not encode: " + e.getMessage(), e);
        }
    }

    /** The canonical id of migration {@code n}. */
    public static String migrationId(long n) {
        return new UUID(0x123e4567_e89b_12d3L, 0xa456_0000_0000_0000L | n).toString();
    }

    /** 100 entries cycling through DDL, lease grant and migration checkpoint. */
    public static MetadataEntry.Batch mixedBatch() {
        List<MetadataEntry> entries = new ArrayList<>(BATCH_SIZE);
        for (int i = 0; i < BATCH_SIZE; i++) {
            entries.add(switch (i % 3) {
                case 0 -> ddl(i);
                case 1 -> leaseGrant(i);
                default -> checkpoint(i, 1);
            });
        }
        return new MetadataEntry.Batch(entries);
    }

    /** A collection descriptor of tenant 1 named after {@code n}. */
    public static DescriptorId descriptor(long n) {
        return new DescriptorId(1, DescriptorKind.COLLECTION, "orders_" + n);
    }

    /** {@code length} deterministic pseudo-random bytes. */
    public static Bytes payload(long seed, int length) {
        byte[] bytes = new byte[length];
        long x = seed * 0x9E37_79B9_7F4A_7C15L + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return Bytes.of(bytes);
    }
}
