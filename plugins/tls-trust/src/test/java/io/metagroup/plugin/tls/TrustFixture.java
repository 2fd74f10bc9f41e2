package io.metagroup.plugin.tls;

import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.plugin.tls.testing.TestPki;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A tls-trust applier found through ServiceLoader, its {@link TrustSource} view and a driver. */
final class TrustFixture {
    final MetadataApplier applier;
    final TrustSource source;
    final ApplierDriver driver;

    private TrustFixture(MetadataApplier applier) {
        this.applier = applier;
        this.source = (TrustSource) applier;
        this.driver = new ApplierDriver(applier);
    }

    /** An applier whose plugin data dir is {@code dataDir} (trust dir {@code dataDir/ca.d}). */
    static TrustFixture in(Path dataDir) {
        return with(TestPluginContext.in(dataDir));
    }

    static TrustFixture with(TestPluginContext context) {
        try {
            return new TrustFixture(PluginContract.byId(TlsTrust.PLUGIN_ID).create(context));
        } catch (Exception e) {
            throw new AssertionError("creating the tls-trust applier failed", e);
        }
    }

    /** An applier that trusts {@code cas}, added one record each. */
    static TrustFixture trusting(Path dataDir, TestPki.Issued... cas) {
        TrustFixture t = in(dataDir);
        for (TestPki.Issued ca : cas) {
            Outcome outcome = t.add(ca);
            if (!outcome.isApplied()) {
                throw new AssertionError("adding " + ca.subject() + " was " + outcome);
            }
        }
        return t;
    }

    Outcome add(TestPki.Issued ca) {
        return driver.apply(TlsTrust.stage(ca.cert()));
    }

    Outcome remove(TestPki.Issued ca) {
        return driver.apply(TlsTrust.remove(ca.fingerprint()));
    }

    Outcome apply(MetadataEntry entry) {
        return driver.apply(entry);
    }

    /** The names of the files in the trust directory, sorted. */
    List<String> trustDirFiles() {
        try (Stream<Path> files = Files.list(source.trustDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fileOf(TestPki.Issued ca) {
        return ca.fingerprint().toHex() + ".crt";
    }
}
