/** The {@code metagroup} command line. */
module io.metagroup.cli {
    requires io.metagroup.runtime;
    requires info.picocli;

    opens io.metagroup.cli to info.picocli;
}
