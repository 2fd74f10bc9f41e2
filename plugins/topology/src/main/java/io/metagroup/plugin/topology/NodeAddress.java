package io.metagroup.plugin.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * A node's address, {@code host:port}, checked by syntax only: it is never resolved (no DNS), so parsing is a pure
 * function of the text and gives the same answer on every node.
 *
 * <p>The host is one of
 * <ul>
 *   <li>an IPv4 literal: four decimal octets 0..255, no leading zeros ({@code 10.0.0.7});</li>
 *   <li>an IPv6 literal in brackets ({@code [::1]:9000}, {@code [fe80::1:2]:80}, {@code [::ffff:10.0.0.1]:80});
 *       zone ids ({@code %eth0}) are not allowed;</li>
 *   <li>a hostname: dot-separated labels of 1..63 letters, digits and {@code '-'}, not starting or ending with
 *       {@code '-'}, at most 253 characters in all. A host made only of digits and dots must be a valid IPv4
 *       literal.</li>
 * </ul>
 * The port is 1..65535 in decimal. The host is kept as written (no case folding, no IPv6 compression), so equal
 * text gives equal addresses.
 *
 * @param host the host, without brackets for IPv6
 * @param port 1..65535
 * @param kind which of the three host forms it is
 */
public record NodeAddress(String host, int port, Kind kind) {

    /** The form of an address's host. */
    public enum Kind {
        /** A dotted-decimal IPv4 literal. */
        IPV4,
        /** An IPv6 literal (written in brackets in the address text). */
        IPV6,
        /** A DNS-style hostname, checked by syntax and never resolved. */
        HOSTNAME
    }

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public NodeAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        String problem = AddressSyntax.hostProblem(host, kind);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (port < 1 || port > AddressSyntax.MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is not from 1 to " + AddressSyntax.MAX_PORT);
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static NodeAddress parse(String text) {
        Objects.requireNonNull(text, "address");
        return AddressSyntax.parse(text);
    }

    /** What is wrong with {@code text} as an address, or empty when it parses. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The address as text that {@link #parse} reads back to an equal address. */
    @Override
    public String toString() {
        return (kind == Kind.IPV6 ? "[" + host + "]" : host) + ":" + port;
    }
}
