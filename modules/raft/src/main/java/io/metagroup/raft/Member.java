package io.metagroup.raft;

import java.util.Objects;

/**
 * A member of the metadata group as one node sees it: its node id and the {@code host:port} at which this node
 * reaches its Raft server.
 *
 * @param nodeId  the node id (unsigned 64-bit), unique in the cluster
 * @param address {@code host:port}; parsed by syntax, never resolved by Metagroup
 */
public record Member(long nodeId, String address) {
    public Member {
        Objects.requireNonNull(address, "member.address");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("member.address must be host:port, got '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member.address has a non-numeric port: '" + address + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("member.address port must be 1..65535, got " + port);
        }
    }

    /** The host part of {@link #address()}. */
    public String host() {
        return address.substring(0, address.lastIndexOf(':'));
    }

    /** The port part of {@link #address()}. */
    public int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** A member on the loopback address. */
    public static Member loopback(long nodeId, int port) {
        return new Member(nodeId, "127.0.0.1:" + port);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(nodeId) + "@" + address;
    }
}
