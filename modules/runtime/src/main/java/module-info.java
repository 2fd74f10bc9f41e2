/** Builds and runs a Metagroup node from its configuration, wired by Dagger. */
module io.metagroup.runtime {
    requires transitive io.metagroup.raft;
    requires io.metagroup.plugin.tls;
    requires dagger;
    requires jakarta.inject;
    requires org.slf4j;
    requires static java.compiler; // Dagger's generated code carries @Generated

    exports io.metagroup.runtime;

    uses io.metagroup.spi.ApplierPlugin;
}
