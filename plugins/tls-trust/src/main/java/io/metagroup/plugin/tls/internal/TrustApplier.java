package io.metagroup.plugin.tls.internal;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.CaTrustChange;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.ReloadingTrustManager;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.plugin.tls.TrustSet;
import io.metagroup.plugin.tls.TrustSource;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.StateDigest;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Applies {@link CaTrustChange} entries to the replicated trust set (fingerprint to DER); every other entry is
 * Applied without effect.
 *
 * <ul>
 *   <li>Before the log ({@link #validate}): an added certificate must be a CA certificate in canonical DER
 *       ({@link TlsTrust#parseCa}); an entry may not add and remove the same CA.</li>
 *   <li>Apply works on bytes alone, never parsing a certificate, so that nodes whose JDKs judge a certificate
 *       differently still reach the same state. Adding a CA already trusted is Applied without effect. Removing a
 *       fingerprint not in the set is Rejected: a mistyped fingerprint must not pass for a completed removal
 *       (a retried proposal gets its first outcome from the dedup table, so retries stay harmless). A change that
 *       would leave the set empty is Rejected: peers that trust no CA cannot talk.</li>
 *   <li>After the record ({@link #finishRecord}, on any change, and after a snapshot restore): the live trust
 *       manager is swapped to the new set first, so a removed CA stops being trusted even if the disk then fails,
 *       and the trust directory is rebuilt to mirror it. A failed rebuild is a local fault. While the replicated
 *       set is empty the live set and the directory are left as they are: at start, the seed files.</li>
 * </ul>
 */
final class TrustApplier implements MetadataApplier, TrustSource {
    private static final System.Logger LOG = System.getLogger(TrustApplier.class.getName());
    private final TrustDirectory directory;
    private final ReloadingTrustManager trustManager;
    /** The CAs found in the trust directory at start, proposed by a leader while the replicated set is empty. */
    private final TrustSet seed;
    /** The committed replicated set, immutable, replaced whole on commit (trust sets are small). */
    private volatile SortedMap<Sha256, Bytes> committed = Collections.emptySortedMap();
    /** True when {@link #committed} changed since the live set and the directory were last rebuilt from it. */
    private boolean changed;
    private volatile long appliedIndex;

    TrustApplier(TrustDirectory directory) throws IOException {
        this.directory = directory;
        this.seed = TrustSet.of(directory.load());
        this.trustManager = new ReloadingTrustManager(seed);
    }

    @Override
    public String id() {
        return TlsTrust.PLUGIN_ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        if (!(entry instanceof CaTrustChange change)) {
            return Optional.empty();
        }
        Optional<String> problem = change.addCaCert().flatMap(TlsTrust::caProblem);
        if (problem.isPresent()) {
            return Optional.of("CA trust change refused: " + problem.get());
        }
        Optional<String> contradiction = contradiction(change);
        if (contradiction.isPresent()) {
            return contradiction;
        }
        return change.removeCaFingerprint().flatMap(this::orphans);
    }

    /**
     * The advisory check before a CA leaves the trust set: refused when a member certificate this node saw lately
     * (its peers', as it dialled them) was signed by that CA and no other trusted one. It runs at the door of the
     * proposing node and of the leader (the authority), never in apply: what a node saw is not replicated state.
     */
    private Optional<String> orphans(Sha256 removed) {
        List<java.security.cert.X509Certificate> orphaned =
                trustManager.trustSet().wouldOrphan(trustManager.recentServerCertificates(), removed);
        if (orphaned.isEmpty()) {
            return Optional.empty();
        }
        String names = orphaned.stream().map(c -> "'" + c.getSubjectX500Principal().getName() + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        String warning = "CA trust change refused: removing CA " + removed + " would leave the member certificate(s) "
                + names + " signed by no trusted CA, and those members could not reconnect; restart them with a "
                + "certificate of another trusted CA first";
        LOG.log(System.Logger.Level.WARNING, warning);
        return Optional.of(warning);
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new StagedChange();
    }

    @Override
    public void finishRecord(long index) throws LocalFaultException {
        if (index <= appliedIndex) {
            throw new IllegalStateException("record " + index + " is at or below the applied index " + appliedIndex);
        }
        if (changed) {
            try {
                publish();
            } catch (IOException e) {
                throw new LocalFaultException("tls-trust cannot rebuild the trust directory " + directory.path()
                        + " for log index " + index + ": " + e.getMessage(), e);
            }
        }
        appliedIndex = index;
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        TrustCodec.write(committed, out);
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        committed = Collections.unmodifiableSortedMap(TrustCodec.read(in));
        changed = true;
        publish();
        appliedIndex = index;
    }

    @Override
    public Sha256 digest() {
        return StateDigest.of(this::writeSnapshot);
    }

    /** Holds no files open and no threads. */
    @Override
    public void close() {}

    @Override
    public ReloadingTrustManager trustManager() {
        return trustManager;
    }

    @Override
    public TrustSet trustSet() {
        return trustManager.trustSet();
    }

    @Override
    public boolean replicated() {
        return !committed.isEmpty();
    }

    @Override
    public Path trustDir() {
        return directory.path();
    }

    @Override
    public List<CaTrustChange> bootstrapProposals() {
        if (replicated()) {
            return List.of();
        }
        return seed.cas().stream().map(ca -> TlsTrust.stage(ca.certificate())).toList();
    }

    /** Swaps the live set to the committed one and mirrors it in the directory; nothing while it is empty. */
    private void publish() throws IOException {
        SortedMap<Sha256, Bytes> now = committed;
        if (!now.isEmpty()) {
            TrustSet set = TrustSet.fromDer(now);
            trustManager.update(set);
            directory.mirror(set);
        }
        changed = false;
    }

    /** The refusal of an entry that adds and removes the same CA. */
    private static Optional<String> contradiction(CaTrustChange change) {
        if (change.addCaCert().isPresent() && change.removeCaFingerprint().isPresent()
                && TlsTrust.fingerprint(change.addCaCert().get().toByteArray()).equals(change.removeCaFingerprint().get())) {
            return Optional.of("CA trust change refused: it adds and removes the same CA "
                    + change.removeCaFingerprint().get());
        }
        return Optional.empty();
    }

    /** One proposal's change: the whole next set, or null while the proposal changed nothing. */
    private final class StagedChange implements Transaction {
        private TreeMap<Sha256, Bytes> staged;

        @Override
        public Outcome apply(MetadataEntry entry) {
            return entry instanceof CaTrustChange change ? change(change) : Outcome.applied();
        }

        private Outcome change(CaTrustChange change) {
            Optional<String> contradiction = contradiction(change);
            if (contradiction.isPresent()) {
                return Outcome.rejected(contradiction.get());
            }
            SortedMap<Sha256, Bytes> current = staged != null ? staged : committed;
            TreeMap<Sha256, Bytes> next = new TreeMap<>(current);
            if (change.removeCaFingerprint().isPresent()) {
                Sha256 removed = change.removeCaFingerprint().get();
                if (next.remove(removed) == null) {
                    return Outcome.rejected("CA trust change refused: CA " + removed + " is not in the trust set");
                }
            }
            change.addCaCert().ifPresent(der -> next.putIfAbsent(TlsTrust.fingerprint(der.toByteArray()), der));
            if (next.isEmpty()) {
                return Outcome.rejected("CA trust change refused: removing CA " + change.removeCaFingerprint().get()
                        + " would leave the trust set empty, and peers that trust no CA cannot connect; stage a new"
                        + " CA first");
            }
            if (!next.equals(current)) {
                staged = next;
            }
            return Outcome.applied();
        }

        @Override
        public void commit() {
            if (staged != null) {
                committed = Collections.unmodifiableSortedMap(staged);
                changed = true;
                staged = null;
            }
        }

        @Override
        public void abort() {
            staged = null;
        }
    }
}
