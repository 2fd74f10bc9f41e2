/**
 * Test helpers for Metagroup applier plugins, for use in a plugin's tests (test scope): an
 * {@link io.metagroup.plugin.testkit.ApplierDriver} that drives one applier through the SPI the way the composite
 * does, a {@link io.metagroup.plugin.testkit.TestPluginContext}, and the
 * {@link io.metagroup.plugin.testkit.ServiceDeclarations} contract (module-info {@code provides} and
 * {@code META-INF/services} agree), checked with ServiceLoader by {@link io.metagroup.plugin.testkit.PluginContract}. Depends on no test framework: failures are {@link AssertionError}s.
 */
module io.metagroup.plugin.testkit {
    requires transitive io.metagroup.spi;

    exports io.metagroup.plugin.testkit;

    uses io.metagroup.spi.ApplierPlugin;
}
