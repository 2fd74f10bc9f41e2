package io.metagroup.example.catalog;

import io.metagroup.model.MetadataEntry;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.List;

/** A fresh catalog applier found through ServiceLoader, its view and a driver. */
final class CatalogFixture {
    final MetadataApplier applier;
    final ApplierDriver driver;

    private CatalogFixture(MetadataApplier applier) {
        this.applier = applier;
        this.driver = new ApplierDriver(applier);
    }

    static CatalogFixture create() {
        try {
            return new CatalogFixture(PluginContract.byId(CatalogView.PLUGIN_ID).create(TestPluginContext.in(Path.of("target"))));
        } catch (Exception e) {
            throw new AssertionError("creating the catalog applier failed", e);
        }
    }

    Catalog catalog() {
        return ((CatalogView) applier).catalog();
    }

    /** Applies {@code command} as one CatalogDdl proposal in its own record. */
    Outcome apply(CatalogCommand command) {
        return driver.apply(command.entry());
    }

    /** Applies each command in its own record and fails unless every one is Applied. */
    CatalogFixture given(CatalogCommand... commands) {
        for (CatalogCommand c : commands) {
            Outcome outcome = apply(c);
            if (!outcome.isApplied()) {
                throw new AssertionError("setting up with " + c + " came to " + outcome);
            }
        }
        return this;
    }

    /** A record of several independent proposals, one per command. */
    List<Outcome> record(CatalogCommand... commands) {
        MetadataEntry[] entries = new MetadataEntry[commands.length];
        for (int i = 0; i < commands.length; i++) {
            entries[i] = commands[i].entry();
        }
        return driver.record(entries);
    }

    static CatalogCommand.CreateCollection collection(String name, String... fieldNames) {
        Field[] fields = new Field[fieldNames.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new Field(fieldNames[i], "TEXT");
        }
        return CatalogCommand.CreateCollection.of(name, fields);
    }

    static CatalogCommand.CreateUser user(String name) {
        return new CatalogCommand.CreateUser(name);
    }

    static CatalogCommand.Grant grant(String user, String collection, Privilege privilege) {
        return new CatalogCommand.Grant(user, collection, privilege);
    }

    static CatalogCommand.Revoke revoke(String user, String collection, Privilege privilege) {
        return new CatalogCommand.Revoke(user, collection, privilege);
    }

    /** The reason of a Rejected outcome; fails on any other. */
    static String reason(Outcome outcome) {
        if (outcome instanceof Outcome.Rejected rejected) {
            return rejected.reason();
        }
        throw new AssertionError("expected Rejected, got " + outcome);
    }
}
