/** The MessagePack wire format of Metagroup's log records and entries. */
module io.metagroup.codec {
    requires transitive io.metagroup.model;
    requires msgpack.core; // automatic module named after the jar (msgpack-core has no Automatic-Module-Name)

    exports io.metagroup.codec;
}
