package io.metagroup.plugin.tls;

import io.metagroup.model.MetadataEntry.CaTrustChange;
import java.nio.file.Path;
import java.util.List;

/**
 * What the {@code tls-trust} applier offers the node: get it with
 * {@code core.applier(TlsTrust.PLUGIN_ID, TrustSource.class)}.
 *
 * <p>The live trust set is the replicated one once the cluster's replicated set holds a CA. Before that (a new
 * cluster, or a node started before it replayed its log) it is the set of CA certificates found in the trust
 * directory's {@code *.crt} files at start, so peers can connect and commit the first {@link CaTrustChange}.
 */
public interface TrustSource {

    /**
     * The trust manager for the node's mutual TLS (server, client and admin); the same object for the node's
     * life, following every committed trust change.
     */
    ReloadingTrustManager trustManager();

    /** The set trusted now; the same as {@code trustManager().trustSet()}. */
    TrustSet trustSet();

    /** True once the replicated trust set holds a CA: the live set then mirrors it. */
    boolean replicated();

    /** The directory of {@code <fingerprint-hex>.crt} files mirroring the live set. */
    Path trustDir();

    /**
     * The entries a new leader proposes while the replicated set is empty: one {@link CaTrustChange} adding each CA
     * found in the trust directory at start, by ascending fingerprint. Empty once the replicated set holds a CA.
     */
    List<CaTrustChange> bootstrapProposals();
}
