/**
 * The metadata group on Apache Ratis: a host starts a node with {@link io.metagroup.raft.MetadataGroup#start}, then
 * proposes entries, reads, subscribes to applied entries and changes membership through it.
 */
module io.metagroup.raft {
    requires transitive io.metagroup.core;
    requires io.metagroup.codec;
    requires io.metagroup.ratis.bundle; // Ratis, merged into one automatic module
    requires org.slf4j;
    // netty, inside the bundle, reaches sun.misc.Unsafe for direct buffers; an automatic module cannot say so
    requires jdk.unsupported;

    exports io.metagroup.raft;
    exports io.metagroup.raft.client;
}
