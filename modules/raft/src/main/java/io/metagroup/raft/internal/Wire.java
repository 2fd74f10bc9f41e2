package io.metagroup.raft.internal;

import io.metagroup.raft.ProposalException;
import io.metagroup.spi.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small messages between a proposer and the leader that are not log records: per-proposal outcomes in the
 * reply, a refusal at the door carried in an exception message, and the read barrier.
 */
public final class Wire {
    private static final int OUTCOMES_VERSION = 1;
    private static final byte APPLIED = 0;
    private static final byte REJECTED = 1;
    private static final byte LOCAL_FAULT = 2;
    private static final Pattern REFUSAL = Pattern.compile("\\[metagroup-refused:([A-Z_]+)] ?(.*)", Pattern.DOTALL);
    /**
     * The content of a read barrier: a request that enters the log as an entry without a record. Its commit proves
     * that the leader which appended it still led a quorum, which Ratis 3.3.0's ReadIndex does not always prove
     * (it skips the heartbeat round when the commit index was acknowledged before). Not a codec envelope: its first
     * byte is not the envelope marker.
     */
    static final byte[] BARRIER = {0, 'R', 'B'};

    /** True when {@code data} is a read barrier. */
    static boolean isBarrier(byte[] data) {
        return java.util.Arrays.equals(data, BARRIER);
    }

    /** The content of a read barrier, for a remote client that reads linearizably. */
    public static byte[] barrier() {
        return BARRIER.clone();
    }

    private Wire() {}

    /** Encodes one outcome per proposal, in order. */
    public static byte[] encodeOutcomes(List<Outcome> outcomes) {
        var bytes = new ByteArrayOutputStream(8 + outcomes.size());
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(OUTCOMES_VERSION);
            out.writeInt(outcomes.size());
            for (Outcome o : outcomes) {
                if (o instanceof Outcome.Applied) {
                    out.writeByte(APPLIED);
                } else if (o instanceof Outcome.Rejected r) {
                    out.writeByte(REJECTED);
                    writeText(out, r.reason());
                } else if (o instanceof Outcome.LocalFault f) {
                    out.writeByte(LOCAL_FAULT);
                    writeText(out, f.reason());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Decodes {@link #encodeOutcomes}. */
    public static List<Outcome> decodeOutcomes(byte[] bytes) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != OUTCOMES_VERSION) {
                throw new IOException("outcome reply version " + version + ", this node reads " + OUTCOMES_VERSION);
            }
            int n = in.readInt();
            if (n < 0 || n > bytes.length) {
                throw new IOException("outcome reply: bad count " + n);
            }
            List<Outcome> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case APPLIED -> out.add(Outcome.applied());
                    case REJECTED -> out.add(Outcome.rejected(readText(in)));
                    case LOCAL_FAULT -> out.add(new Outcome.LocalFault(readText(in)));
                    default -> throw new IOException("outcome reply: unknown tag " + tag);
                }
            }
            return out;
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("outcome reply: bad text length " + n);
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An exception the leader's state machine raises to refuse a request before it enters the log. */
    public static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;

        Refusal(ProposalException.Kind kind, String message) {
            super("[metagroup-refused:" + kind.name() + "] " + message);
        }
    }

    /** Finds a refusal in an exception chain received from Ratis. */
    public static Optional<ProposalException> refusalIn(Throwable t, io.metagroup.model.IdempotencyKey key) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = c.getMessage();
            if (msg == null) {
                continue;
            }
            int at = msg.indexOf("[metagroup-refused:");
            if (at >= 0) {
                Matcher m = REFUSAL.matcher(msg.substring(at));
                if (m.matches()) {
                    ProposalException.Kind kind;
                    try {
                        kind = ProposalException.Kind.valueOf(m.group(1));
                    } catch (IllegalArgumentException e) {
                        kind = ProposalException.Kind.MALFORMED;
                    }
                    return Optional.of(new ProposalException(kind, key, m.group(2)));
                }
            }
        }
        return Optional.empty();
    }
}
