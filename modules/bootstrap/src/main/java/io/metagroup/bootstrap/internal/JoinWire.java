package io.metagroup.bootstrap.internal;

import io.metagroup.bootstrap.JoinException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the join protocol, {@code POST /v1/join} over HTTPS. Request: version, token text, node id, Raft
 * address, DER CSR. Answer 200: the encoded bundle and its 32-byte MAC. Any other status: the refusal reason's name,
 * a line feed, and the message.
 */
public final class JoinWire {
    /** The endpoint's path. */
    public static final String PATH = "/v1/join";
    /** Largest request body accepted. */
    public static final int MAX_REQUEST = 64 * 1024;
    /** Largest answer body accepted. */
    public static final int MAX_ANSWER = 1024 * 1024;
    private static final int VERSION = 1;
    private static final int MAC_BYTES = 32;

    private JoinWire() {}

    /**
     * A joiner's request.
     *
     * @param tokenText   the token, {@code id.secret}: sent only to a server that proved the pinned CA
     * @param nodeId      the joiner's node id
     * @param raftAddress the {@code host:port} of the joiner's Raft server
     * @param csr         DER PKCS#10 request for the joiner's key
     */
    public record Request(String tokenText, long nodeId, String raftAddress, byte[] csr) {
        /** The request's bytes. */
        public byte[] encode() {
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeUTF(tokenText);
                out.writeLong(nodeId);
                out.writeUTF(raftAddress);
                out.writeInt(csr.length);
                out.write(csr);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory cannot fail", e);
            }
            return bytes.toByteArray();
        }

        /** Decodes a request; the message of a failure never holds the token. */
        public static Request decode(byte[] body) throws IOException {
            try (var in = new DataInputStream(new ByteArrayInputStream(body))) {
                int version = in.readUnsignedByte();
                if (version != VERSION) {
                    throw new IOException("join request version " + version + " is not " + VERSION);
                }
                String token = in.readUTF();
                long nodeId = in.readLong();
                String address = in.readUTF();
                int length = in.readInt();
                if (length <= 0 || length > in.available()) {
                    throw new IOException("join request's CSR length " + length + " does not fit the request");
                }
                byte[] csr = in.readNBytes(length);
                if (in.available() != 0) {
                    throw new IOException("join request has " + in.available() + " trailing bytes");
                }
                return new Request(token, nodeId, address, csr);
            } catch (java.io.EOFException e) {
                throw new IOException("join request is truncated", e);
            }
        }
    }

    /** An accepted join's answer: the bundle's bytes and their MAC. */
    public record Answer(byte[] bundle, byte[] mac) {
        /** The answer's bytes. */
        public byte[] encode() {
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                out.writeInt(bundle.length);
                out.write(bundle);
                out.write(mac);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory cannot fail", e);
            }
            return bytes.toByteArray();
        }

        /** Decodes an answer. */
        public static Answer decode(byte[] body) throws IOException {
            try (var in = new DataInputStream(new ByteArrayInputStream(body))) {
                int length = in.readInt();
                if (length <= 0 || length != in.available() - MAC_BYTES) {
                    throw new IOException("join answer's bundle length " + length + " does not fit the answer");
                }
                byte[] bundle = in.readNBytes(length);
                byte[] mac = in.readNBytes(MAC_BYTES);
                return new Answer(bundle, mac);
            }
        }
    }

    /** The body of a refusal. */
    public static byte[] refusal(JoinException e) {
        return (e.reason().name() + "\n" + e.getMessage()).getBytes(StandardCharsets.UTF_8);
    }

    /** The refusal a non-200 answer carries; {@code status} describes an answer that is not one. */
    public static JoinException refusal(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        if (nl > 0) {
            try {
                return new JoinException(JoinException.Reason.valueOf(text.substring(0, nl)), text.substring(nl + 1));
            } catch (IllegalArgumentException e) {
                // not a refusal of this protocol: reported below
            }
        }
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new JoinException(JoinException.Reason.UNAVAILABLE, "the bootstrap endpoint answered HTTP " + status
                + " without a join refusal: " + shown.strip());
    }
}
