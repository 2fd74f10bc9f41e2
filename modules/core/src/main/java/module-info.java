/** The metadata cache, the composite applier and the leader-side surrogate allocator. */
module io.metagroup.core {
    requires transitive io.metagroup.spi;

    exports io.metagroup.core;
}
