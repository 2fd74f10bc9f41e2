package io.metagroup.plugin.tls.internal;

import io.metagroup.plugin.tls.TrustSet;
import java.io.IOException;
import java.nio.file.Path;

/** The way from the exported API to the internal {@link TrustDirectory}. */
public final class TrustDirectories {
    private TrustDirectories() {}

    /** The CAs of {@code dir}'s {@code *.crt} files (the directory is made when missing). */
    public static TrustSet read(Path dir) throws IOException {
        return TrustSet.of(new TrustDirectory(dir).load());
    }
}
