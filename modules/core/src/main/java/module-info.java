/** The metadata cache, the composite applier and the leader-side surrogate allocator. */
module io.metagroup.core {
    requires transitive io.metagroup.spi;
    requires transitive io.metagroup.codec;

    exports io.metagroup.core;
}
