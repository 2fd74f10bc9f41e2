package io.metagroup.bootstrap.internal;

import io.metagroup.bootstrap.CertificateIssuer;
import io.metagroup.bootstrap.JoinBundle;
import io.metagroup.bootstrap.JoinException;
import io.metagroup.bootstrap.JoinException.Reason;
import io.metagroup.model.Bytes;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import io.metagroup.plugin.jointoken.JoinKeys;
import io.metagroup.plugin.jointoken.JoinToken;
import io.metagroup.plugin.jointoken.JoinTokenStates;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.ProposalResult;
import io.metagroup.runtime.NodeConfigs;
import io.metagroup.spi.Outcome;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One join, on the node that received it: every step of the token's life goes through the log, so of several
 * joiners presenting one token exactly one moves it to InFlight. Steps: refuse what the committed state already
 * refuses (no log entry for a forged token); BeginInFlight; issue the certificate from the CSR; MarkConsumed and
 * TopologyChange.Join in one Batch; the bundle, MACed under the key derived from the token's secret. A failure
 * after BeginInFlight reverts it when it can; when it cannot (this node dies), the leader's dead-man sweep does.
 * Nothing here logs or returns the token's text.
 */
public final class JoinHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JoinHandler.class);

    private final MetadataGroup group;
    private final JoinTokenStates tokens;
    private final String clusterName;
    private final boolean mutualTls;
    private final Optional<CertificateIssuer> issuer;
    private final Supplier<List<X509Certificate>> caCerts;
    private final Duration timeout;

    /**
     * A handler proposing through {@code group}.
     *
     * @param caCerts the cluster CA certificates to hand joiners (the issuer's CA is added)
     * @param timeout how long each proposal may take
     */
    public JoinHandler(MetadataGroup group, JoinTokenStates tokens, String clusterName, boolean mutualTls,
                       Optional<CertificateIssuer> issuer, Supplier<List<X509Certificate>> caCerts, Duration timeout) {
        this.group = group;
        this.tokens = tokens;
        this.clusterName = clusterName;
        this.mutualTls = mutualTls;
        this.issuer = issuer;
        this.caCerts = caCerts;
        this.timeout = timeout;
    }

    /** Handles one request; the answer, or the refusal. */
    public JoinWire.Answer handle(JoinWire.Request request) throws JoinException {
        JoinToken token;
        try {
            token = JoinToken.parse(request.tokenText());
        } catch (IllegalArgumentException e) {
            throw new JoinException(Reason.UNKNOWN_TOKEN, "no join token matches: " + e.getMessage());
        }
        String address = request.raftAddress();
        try {
            NodeConfigs.checkAddress(address);
        } catch (IllegalArgumentException e) {
            throw new JoinException(Reason.BAD_REQUEST, "the joiner's Raft address: " + e.getMessage());
        }
        String node = Long.toUnsignedString(request.nodeId());
        CertificateIssuer ca = issuer.orElseThrow(() -> new JoinException(Reason.NO_ISSUER, "node "
                + Long.toUnsignedString(group.nodeId()) + " holds no CA signing key and cannot issue the joiner's "
                + "certificate: send the join to a node configured with plugin.join-token.ca-key"));
        GroupStatus status = group.status();
        for (GroupStatus.PeerStatus p : status.peers()) {
            if (p.nodeId() == request.nodeId() || p.address().equals(address)) {
                throw new JoinException(Reason.NODE_CONFLICT, "node " + Long.toUnsignedString(p.nodeId()) + " at "
                        + p.address() + " is a member of the group already: the joiner (node " + node + " at "
                        + address + ") needs an unused node id and address");
            }
        }
        Sha256 hash = token.hash();
        refuseByState(hash, committedState(hash));

        String joiner = node + "@" + address;
        ProposalResult begin = propose(new JoinTokenTransition(hash,
                new JoinTokenTransitionKind.BeginInFlight(joiner), System.currentTimeMillis()), "begin the join");
        if (begin.outcome() instanceof Outcome.Rejected rejected) {
            refuseByState(hash, tokens.state(hash));
            throw new JoinException(Reason.UNAVAILABLE, "the group refused the join: " + rejected.reason());
        }
        LOG.info("join of node {} at {} in flight (token {})", node, address, token);
        X509Certificate leaf;
        ProposalResult done;
        try {
            try {
                leaf = ca.issueFromCsr(request.csr(), request.nodeId(), address);
            } catch (IllegalArgumentException e) {
                throw new JoinException(Reason.BAD_REQUEST, "the joiner's CSR: " + e.getMessage());
            } catch (GeneralSecurityException e) {
                throw new JoinException(Reason.NO_ISSUER, "node " + Long.toUnsignedString(group.nodeId())
                        + " cannot sign with its CA key: " + e.getMessage());
            }
            done = propose(MetadataEntry.Batch.of(
                    new JoinTokenTransition(hash, new JoinTokenTransitionKind.MarkConsumed(joiner),
                            System.currentTimeMillis()),
                    new TopologyChange.Join(request.nodeId(), address)), "consume the token and add the node");
            if (done.outcome() instanceof Outcome.Rejected rejected) {
                throw new JoinException(Reason.NODE_CONFLICT, "the group refused to add node " + node + " at "
                        + address + ": " + rejected.reason());
            }
        } catch (JoinException e) {
            // after a timeout the Batch may still commit: then this revert is refused, or it wins and the Batch is
            revert(hash, token);
            throw e;
        }
        LOG.info("node {} at {} joined at index {} (token {} consumed)", node, address, done.index(), token);
        JoinBundle bundle = new JoinBundle(clusterName, peers(status), mutualTls, caDers(ca), der(leaf), done.index());
        byte[] encoded = bundle.encode();
        byte[] key = JoinKeys.deriveBundleKey(token.secret(), clusterName);
        return new JoinWire.Answer(encoded, JoinKeys.bundleMac(key, encoded));
    }

    /** The token's committed state; when this node has none, asked again after a read barrier (it may lag). */
    private Optional<TokenState> committedState(Sha256 hash) throws JoinException {
        Optional<TokenState> local = tokens.state(hash);
        if (local.isPresent()) {
            return local;
        }
        try {
            return group.readLinearizable(core -> tokens.state(hash))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JoinException(Reason.UNAVAILABLE, "interrupted while reading the token's state");
        } catch (ExecutionException | TimeoutException e) {
            throw new JoinException(Reason.UNAVAILABLE, "cannot read the token's state from the group: " + e, e);
        }
    }

    /** Refuses a token that is unknown, final or in flight; returns for an Issued one. */
    private static void refuseByState(Sha256 hash, Optional<TokenState> state) throws JoinException {
        if (state.isEmpty()) {
            throw new JoinException(Reason.UNKNOWN_TOKEN, "no join token matches: the token id is unknown or the "
                    + "secret is wrong");
        }
        JoinException refusal = state.get().accept(new TokenState.Visitor<JoinException>() {
            @Override
            public JoinException issued(TokenState.Issued s) {
                return null;
            }

            @Override
            public JoinException inFlight(TokenState.InFlight s) {
                return new JoinException(Reason.IN_USE, "the join token is already in use by another joiner ("
                        + s.nodeAddr() + ")");
            }

            @Override
            public JoinException consumed(TokenState.Consumed s) {
                return new JoinException(Reason.CONSUMED, "the join token was already consumed (by " + s.nodeAddr()
                        + "): a token joins one node; create another with 'metagroup token create'");
            }

            @Override
            public JoinException expired(TokenState.Expired s) {
                return new JoinException(Reason.EXPIRED, "the join token expired: create another with "
                        + "'metagroup token create'");
            }

            @Override
            public JoinException aborted(TokenState.Aborted s) {
                return new JoinException(Reason.ABORTED, "the join token was aborted by an operator");
            }
        });
        if (refusal != null) {
            throw refusal;
        }
        TokenState.Issued issued = (TokenState.Issued) state.get();
        // the log judges expiry by the record's HLC; this is only the message for a refusal it already made
        if (io.metagroup.plugin.jointoken.JoinTokens.expired(issued.expiresAtMs(), System.currentTimeMillis())) {
            throw new JoinException(Reason.EXPIRED, "the join token expired at " + java.time.Instant.ofEpochMilli(
                    issued.expiresAtMs()) + ": create another with 'metagroup token create'");
        }
        LOG.debug("token {} is issued", hash);
    }

    private ProposalResult propose(MetadataEntry entry, String what) throws JoinException {
        try {
            return group.propose(entry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JoinException(Reason.UNAVAILABLE, "interrupted while trying to " + what);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new JoinException(Reason.UNAVAILABLE, "the group did not " + what + " in time: " + cause.getMessage()
                    + "; try again (a join left in flight is reverted by the leader's dead-man timer)", e);
        }
    }

    /** Puts the token back to Issued after a failure of this node's own making; the dead-man timer is the backstop. */
    private void revert(Sha256 hash, JoinToken token) {
        group.propose(new JoinTokenTransition(hash, new JoinTokenTransitionKind.RevertInFlight(),
                System.currentTimeMillis())).whenComplete((r, e) -> {
                    if (e != null || !r.applied()) {
                        LOG.warn("could not revert the join in flight of token {}: {}", token,
                                e != null ? e.toString() : r.outcome());
                    }
                });
    }

    private static SortedMap<Long, String> peers(GroupStatus status) {
        SortedMap<Long, String> peers = new TreeMap<>(Long::compareUnsigned);
        for (GroupStatus.PeerStatus p : status.peers()) {
            peers.put(p.nodeId(), p.address());
        }
        return peers;
    }

    /** The issuer's CA and every CA of {@link #caCerts}, once each, by ascending fingerprint. */
    private List<Bytes> caDers(CertificateIssuer ca) throws JoinException {
        TreeMap<Sha256, Bytes> byFingerprint = new TreeMap<>();
        byFingerprint.put(TlsTrust.fingerprint(ca.caCertificate()), der(ca.caCertificate()));
        for (X509Certificate c : caCerts.get()) {
            byFingerprint.put(TlsTrust.fingerprint(c), der(c));
        }
        return List.copyOf(byFingerprint.values());
    }

    private static Bytes der(X509Certificate cert) throws JoinException {
        try {
            return Bytes.of(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new JoinException(Reason.NO_ISSUER, "a certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
