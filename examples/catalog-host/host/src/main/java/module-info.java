/**
 * The catalog-host example's host: it reads Metagroup's runtime and its own catalog plugin's API, and nothing of
 * Ratis. The built-in plugins reach the node by service binding, not by {@code requires}.
 */
module io.metagroup.example.catalog.host {
    requires io.metagroup.runtime;
    requires io.metagroup.example.catalog;
    requires java.logging; // to quiet gRPC, which logs through java.util.logging
}
