/** Builds and runs a Metagroup node from its configuration. */
module io.metagroup.runtime {
    requires transitive io.metagroup.spi;

    exports io.metagroup.runtime;

    uses io.metagroup.spi.ApplierPlugin;
}
