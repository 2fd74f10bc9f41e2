/**
 * The applier SPI of Metagroup. A plugin implements {@link io.metagroup.spi.ApplierPlugin} (found by
 * {@link java.util.ServiceLoader}) whose {@link io.metagroup.spi.MetadataApplier} applies committed entries.
 */
module io.metagroup.spi {
    requires transitive io.metagroup.model;

    exports io.metagroup.spi;

    uses io.metagroup.spi.ApplierPlugin;
}
