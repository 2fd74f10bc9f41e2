/**
 * The cluster's CA trust set and what a node needs to speak mutual TLS with it:
 * {@link io.metagroup.plugin.tls.TrustSource} (what the {@code tls-trust} applier offers the node),
 * {@link io.metagroup.plugin.tls.ReloadingTrustManager} (a JSSE trust manager that follows the replicated trust
 * set without being rebuilt), the read-only {@link io.metagroup.plugin.tls.TrustSet}, the checks and entry
 * builders of {@link io.metagroup.plugin.tls.TlsTrust}, and {@link io.metagroup.plugin.tls.PemFiles}.
 */
package io.metagroup.plugin.tls;
