package io.metagroup.cli;

import io.metagroup.model.MetadataEntry.CaTrustChange;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.tls.PemFiles;
import io.metagroup.plugin.tls.TlsTrust;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.ProposalResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metagroup rotate-ca --stage NEW_CA.pem} adds a CA to the group's trust set (every node trusts it live);
 * {@code metagroup rotate-ca --finalize --remove FINGERPRINT} removes the old one once every member presents a
 * certificate of another trusted CA (the leader refuses to orphan a member it sees). Exit codes as for
 * {@code propose}.
 */
@Command(name = "rotate-ca", mixinStandardHelpOptions = true,
        description = "Rotate the group's trusted CAs: stage a new CA, then (after restarting each node with a"
                + " certificate of the new CA) finalize by removing the old one.",
        footer = {"", "Steps: 1. metagroup rotate-ca --stage new-ca.pem   2. restart each node with a key and certificate"
                + " of the new CA   3. metagroup rotate-ca --finalize --remove OLD_FINGERPRINT (see: metagroup ca list)",
                "", "Exit: 0 applied, 3 rejected at apply, 2 bad input or refused before the log, 1 group unreachable"
                + " or not applied in time."})
final class RotateCaCommand extends GroupCommand {

    /** Exactly one of the two steps. */
    static final class Step {
        @Option(names = "--stage", paramLabel = "NEW_CA.pem", required = true,
                description = "add the CA certificate of this PEM file to the trust set")
        Path stage;

        @ArgGroup(exclusive = false)
        Finalize finalize;
    }

    /** {@code --finalize --remove FINGERPRINT}. */
    static final class Finalize {
        @Option(names = "--finalize", required = true, description = "end the rotation: remove the old CA")
        boolean finalize;

        @Option(names = "--remove", paramLabel = "FINGERPRINT", required = true,
                description = "SHA-256 fingerprint of the CA to remove (64 hex digits, 'sha256:' or colons allowed)")
        String remove;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Step step;

    @Mixin
    ProposeTimeout proposeTimeout;

    private CaTrustChange change;
    private String done;

    @Override
    void check() throws UsageException {
        if (step.stage != null) {
            X509Certificate ca;
            try {
                ca = PemFiles.readCertificate(step.stage);
                // refused here, before anything is sent, as the leader would refuse it before the log
                Optional<String> problem = TlsTrust.caProblem(io.metagroup.model.Bytes.of(ca.getEncoded()));
                if (problem.isPresent()) {
                    throw new UsageException(step.stage + " cannot be staged: " + problem.get(), null);
                }
            } catch (IOException | CertificateEncodingException e) {
                throw new UsageException(e.getMessage(), e);
            }
            change = TlsTrust.stage(ca);
            done = "staged CA " + TlsTrust.fingerprint(ca) + " '" + ca.getSubjectX500Principal().getName()
                    + "'; restart each node with a certificate of it, then: metagroup rotate-ca --finalize --remove"
                    + " OLD_FINGERPRINT";
        } else {
            Sha256 fingerprint;
            try {
                fingerprint = TlsTrust.parseFingerprint(step.finalize.remove);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--remove: " + e.getMessage(), e);
            }
            change = TlsTrust.remove(fingerprint);
            done = "removed CA " + fingerprint + " from the trust set; members recycle their connections within the"
                    + " maximum connection age";
        }
    }

    @Override
    Duration proposeTimeout() throws UsageException {
        return proposeTimeout.value();
    }

    @Override
    int run(MetadataClient client, PrintWriter out) throws Exception {
        Optional<ProposalResult> result = propose(client, client.nextKey(), change);
        if (result.isEmpty()) {
            return Metagroup.REJECTED;
        }
        out.println(done + " (index " + result.get().index() + ")");
        return 0;
    }
}
