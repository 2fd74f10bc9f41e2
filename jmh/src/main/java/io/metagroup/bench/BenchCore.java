package io.metagroup.bench;

import io.metagroup.core.MetadataCore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** A {@link MetadataCore} with discovered plugins in a temporary directory that closing deletes. */
final class BenchCore implements AutoCloseable {
    private final Path dir;
    private final MetadataCore core;

    private BenchCore(Path dir, MetadataCore core) {
        this.dir = dir;
        this.core = core;
    }

    /** A core with the plugins {@code plugins} and node settings {@code settings}. */
    static BenchCore open(Set<String> plugins, Map<String, String> settings) throws Exception {
        Path dir = Files.createTempDirectory("metagroup-bench-core");
        try {
            return new BenchCore(dir, MetadataCore.create(Plugins.discover(plugins), dir, settings));
        } catch (Exception | Error e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    MetadataCore core() {
        return core;
    }

    @Override
    public void close() throws Exception {
        try {
            core.close();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
