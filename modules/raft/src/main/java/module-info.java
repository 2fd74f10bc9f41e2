/**
 * The metadata group on Apache Ratis: a host starts a node with {@link io.metagroup.raft.MetadataGroup#start}, then
 * proposes entries, reads, subscribes to applied entries and changes membership through it.
 */
module io.metagroup.raft {
    requires transitive io.metagroup.core;
    requires io.metagroup.codec;
    requires io.metagroup.ratis.bundle; // Ratis, merged into one automatic module
    requires org.slf4j;

    exports io.metagroup.raft;
}
