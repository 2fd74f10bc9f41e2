/**
 * jqwik Arbitraries of every model type, for property tests in any module: entries of every variant, nested
 * batches, log records. Use it at test scope only.
 */
module io.metagroup.testkit {
    requires transitive io.metagroup.model;
    requires transitive net.jqwik.api;

    exports io.metagroup.testkit;
}
