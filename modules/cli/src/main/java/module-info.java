/** The {@code metagroup} command line. */
module io.metagroup.cli {
    requires io.metagroup.runtime;
    requires io.metagroup.bootstrap;
    requires io.metagroup.plugin.tls;
    requires io.metagroup.plugin.audit;
    requires info.picocli;
    requires java.logging;

    opens io.metagroup.cli to info.picocli;
}
