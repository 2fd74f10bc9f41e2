package io.metagroup.plugin.tls.internal;

import io.metagroup.plugin.tls.TrustSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** The way from the exported API ({@link io.metagroup.plugin.tls.TlsTrust}) to this package's internals. */
public final class InternalAccess {
    private InternalAccess() {}

    /** The CAs of {@code dir}'s {@code *.crt} files (the directory is made when missing). */
    public static TrustSet readTrustDir(Path dir) throws IOException {
        return TrustSet.of(new TrustDirectory(dir).load());
    }

    /** The CAs of one PEM file. */
    public static TrustSet readCaFile(Path file) throws IOException {
        return TrustSet.of(TrustDirectory.cas(file));
    }

    /** The replicated trust set held by a snapshot section of the plugin. */
    public static TrustSet readSection(byte[] section) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(section);
        TrustSet set = TrustSet.fromDer(TrustCodec.read(in));
        if (in.available() > 0) {
            throw new IOException("tls-trust snapshot section has " + in.available() + " bytes past its end");
        }
        return set;
    }
}
