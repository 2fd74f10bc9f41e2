/**
 * The {@code join-token} applier plugin: the lifecycle of join tokens (Issued, InFlight, Consumed, Expired,
 * Aborted), applied from {@code JoinTokenTransition} entries and judged by record HLCs; the token format, its hash,
 * and the HKDF-SHA256 key that authenticates a joiner's bootstrap bundle.
 */
module io.metagroup.plugin.jointoken {
    requires transitive io.metagroup.spi;
    requires static com.google.auto.service;

    exports io.metagroup.plugin.jointoken;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.plugin.jointoken.internal.JoinTokenPlugin;
}
