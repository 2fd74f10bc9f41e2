package io.metagroup.plugin.migration.internal;

import io.metagroup.codec.CodecException;
import io.metagroup.codec.EntryCodec;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.MigrationAbort;
import io.metagroup.model.MetadataEntry.MigrationCheckpoint;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.plugin.migration.MigrationStateTable;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.spi.MetadataApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared builders for the migration plugin's tests. */
final class Fixtures {
    private static final EntryCodec CODEC = new EntryCodec();

    private Fixtures() {}

    /** The canonical UUID whose last group is {@code n}. */
    static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012x", n);
    }

    /** A checkpoint of {@code payload} with the right CRC32C. */
    static MigrationCheckpoint checkpoint(String id, MigrationCheckpointPayload payload, long attempt, long tsMs) {
        return new MigrationCheckpoint(id, payload.phase(), attempt, payload, crc(payload), tsMs);
    }

    /** The CRC32C the codec computes for {@code payload}. */
    static long crc(MigrationCheckpointPayload payload) {
        try {
            return CODEC.payloadCrc32c(payload);
        } catch (CodecException e) {
            throw new AssertionError("the codec cannot encode " + payload, e);
        }
    }

    static MigrationCheckpointPayload.AddLearner addLearner(long vshard) {
        return new MigrationCheckpointPayload.AddLearner(vshard, 1, 2, 7, 500_000, new Hlc(123_456_789, 3));
    }

    static MigrationCheckpointPayload.CatchUp catchUp(long vshard) {
        return new MigrationCheckpointPayload.CatchUp(vshard, 10);
    }

    static MigrationCheckpointPayload.Complete complete(long vshard) {
        return new MigrationCheckpointPayload.Complete(vshard, 100, true);
    }

    static MigrationAbort abort(String id) {
        return new MigrationAbort(id, "test", List.of());
    }

    /** Opens the plugin's applier on {@code dir} through the plugin, as a node would. */
    static MigrationApplier open(Path dir) throws Exception {
        return (MigrationApplier) new MigrationPlugin().create(TestPluginContext.in(dir));
    }

    /** Opens the plugin's applier on {@code dir}, committing the store every {@code commitEvery} records. */
    static MigrationApplier open(Path dir, int commitEvery) throws Exception {
        return (MigrationApplier) new MigrationPlugin().create(TestPluginContext.in(dir).withSetting("commitEvery",
                Integer.toString(commitEvery)));
    }

    /** The applier's table view. */
    static MigrationStateTable table(MetadataApplier applier) {
        return (MigrationStateTable) applier;
    }

    /** The store's current MapDB file in {@code dir}, or the name of its first one when there is none yet. */
    static Path storeFile(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("migration-\\d{20}\\.db")).findFirst()
                    .orElse(dir.resolve(String.format("migration-%020d.db", 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory under {@code parent}. */
    static Path dir(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
