/**
 * The {@code tls-trust} applier plugin: the cluster's CA trust set as replicated state, applied from
 * {@code CaTrustChange} entries; a {@code ca.d/} directory rebuilt from it on every node; and a
 * {@link io.metagroup.plugin.tls.ReloadingTrustManager} for the peers' mutual TLS that follows it live.
 */
module io.metagroup.plugin.tls {
    requires transitive io.metagroup.spi;
    requires static com.google.auto.service;

    exports io.metagroup.plugin.tls;

    provides io.metagroup.spi.ApplierPlugin with io.metagroup.plugin.tls.internal.TlsTrustPlugin;
}
