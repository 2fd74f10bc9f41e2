package io.metagroup.plugin.tls;

import io.metagroup.model.Bytes;
import io.metagroup.model.Sha256;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An immutable set of trusted CA certificates, keyed and ordered by fingerprint.
 *
 * <p>Built from the replicated trust set ({@link #fromDer}), a DER value this node cannot use as a CA is kept out
 * of {@link #cas()} and listed in {@link #unusable()} with the reason: the leader refuses such a certificate before
 * it enters the log, so this happens only when nodes' JDKs judge a certificate differently.
 */
public final class TrustSet {
    private static final TrustSet EMPTY = new TrustSet(new TreeMap<>(), new TreeMap<>());

    private final SortedMap<Sha256, TrustedCa> cas;
    private final SortedMap<Sha256, String> unusable;

    private TrustSet(TreeMap<Sha256, TrustedCa> cas, TreeMap<Sha256, String> unusable) {
        this.cas = Collections.unmodifiableSortedMap(cas);
        this.unusable = Collections.unmodifiableSortedMap(unusable);
    }

    /** The set that trusts nothing. */
    public static TrustSet empty() {
        return EMPTY;
    }

    /** The set of {@code cas}; the same CA twice counts once. */
    public static TrustSet of(Collection<TrustedCa> cas) {
        TreeMap<Sha256, TrustedCa> byFingerprint = new TreeMap<>();
        cas.forEach(ca -> byFingerprint.put(ca.fingerprint(), ca));
        return new TrustSet(byFingerprint, new TreeMap<>());
    }

    /**
     * The set held by replicated state: fingerprint to DER. Each DER is parsed with {@link TlsTrust#parseCa}; one
     * that fails, or whose SHA-256 is not its key, goes to {@link #unusable()}.
     */
    public static TrustSet fromDer(SortedMap<Sha256, Bytes> replicated) {
        TreeMap<Sha256, TrustedCa> cas = new TreeMap<>();
        TreeMap<Sha256, String> unusable = new TreeMap<>();
        replicated.forEach((fingerprint, der) -> {
            try {
                cas.put(fingerprint, new TrustedCa(fingerprint, TlsTrust.parseCa(der.toByteArray())));
            } catch (CertificateException | IllegalArgumentException e) {
                unusable.put(fingerprint, e.getMessage());
            }
        });
        return new TrustSet(cas, unusable);
    }

    /** The trusted CAs, by ascending fingerprint. */
    public List<TrustedCa> cas() {
        return List.copyOf(cas.values());
    }

    /** The fingerprints of the trusted CAs, ascending. */
    public SortedSet<Sha256> fingerprints() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(cas.keySet()));
    }

    /** The trusted CA certificates, by ascending fingerprint. */
    public List<X509Certificate> certificates() {
        return cas.values().stream().map(TrustedCa::certificate).collect(Collectors.toUnmodifiableList());
    }

    /** The trusted CA with {@code fingerprint}, if any. */
    public Optional<TrustedCa> get(Sha256 fingerprint) {
        return Optional.ofNullable(cas.get(fingerprint));
    }

    /** True when the CA with {@code fingerprint} is trusted. */
    public boolean contains(Sha256 fingerprint) {
        return cas.containsKey(fingerprint);
    }

    /** Number of trusted CAs. */
    public int size() {
        return cas.size();
    }

    /** True when no CA is trusted. */
    public boolean isEmpty() {
        return cas.isEmpty();
    }

    /** Fingerprints held in replicated state that this node cannot use as CAs, with the reason; usually empty. */
    public SortedMap<Sha256, String> unusable() {
        return unusable;
    }

    /**
     * The advisory check the leader runs before proposing to remove a CA: the members' certificates that the CA
     * {@code removeFingerprint} signed and that no other CA of this set signed, in the order given. Empty means the
     * removal leaves every member trusted. A member certificate counts as signed by a CA when its issuer is the
     * CA's subject and its signature verifies with the CA's key, so pass each member's certificate as issued by a
     * CA of the set (for a chain through intermediates, the certificate nearest the root).
     */
    public List<X509Certificate> wouldOrphan(Collection<X509Certificate> memberCerts, Sha256 removeFingerprint) {
        TrustedCa removed = cas.get(removeFingerprint);
        if (removed == null) {
            return List.of();
        }
        List<X509Certificate> orphaned = new ArrayList<>();
        for (X509Certificate member : memberCerts) {
            boolean onlyByRemoved = signedBy(member, removed.certificate())
                    && cas.values().stream().filter(ca -> !ca.fingerprint().equals(removeFingerprint))
                            .noneMatch(ca -> signedBy(member, ca.certificate()));
            if (onlyByRemoved) {
                orphaned.add(member);
            }
        }
        return List.copyOf(orphaned);
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustSet t && cas.keySet().equals(t.cas.keySet()) && unusable.equals(t.unusable);
    }

    @Override
    public int hashCode() {
        return cas.keySet().hashCode() * 31 + unusable.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TrustSet").append(cas.values());
        for (Map.Entry<Sha256, String> e : unusable.entrySet()) {
            text.append(" unusable ").append(e.getKey()).append(": ").append(e.getValue());
        }
        return text.toString();
    }
}
