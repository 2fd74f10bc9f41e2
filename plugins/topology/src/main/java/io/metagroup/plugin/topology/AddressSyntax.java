package io.metagroup.plugin.topology;

/** The syntax rules behind {@link NodeAddress}; pure string checks, never a lookup. */
final class AddressSyntax {
    static final int MAX_PORT = 65_535;
    private static final int MAX_HOSTNAME = 253;
    private static final int MAX_LABEL = 63;
    private static final int QUOTE_LIMIT = 64;

    private AddressSyntax() {}

    static NodeAddress parse(String text) {
        String host;
        String portText;
        NodeAddress.Kind kind;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad(text, "the IPv6 literal has no closing ']'");
            }
            if (close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw bad(text, "expected ':port' after the bracketed IPv6 literal");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
            kind = NodeAddress.Kind.IPV6;
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "expected host:port");
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw bad(text, "an IPv6 literal must be in brackets, as [addr]:port");
            }
            kind = isDigitsAndDots(host) ? NodeAddress.Kind.IPV4 : NodeAddress.Kind.HOSTNAME;
        }
        String problem = hostProblem(host, kind);
        if (problem != null) {
            throw bad(text, problem);
        }
        return new NodeAddress(host, parsePort(text, portText), kind);
    }

    private static int parsePort(String text, String portText) {
        if (portText.isEmpty() || portText.length() > 5 || !isDigits(portText)) {
            throw bad(text, "port '" + quote(portText) + "' is not a number from 1 to " + MAX_PORT);
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > MAX_PORT) {
            throw bad(text, "port " + port + " is not from 1 to " + MAX_PORT);
        }
        return port;
    }

    /** What is wrong with {@code host} as a host of {@code kind}, or null. */
    static String hostProblem(String host, NodeAddress.Kind kind) {
        if (host.isEmpty()) {
            return "the host is empty";
        }
        return switch (kind) {
            case IPV4 -> ipv4Problem(host);
            case IPV6 -> ipv6Problem(host);
            case HOSTNAME -> isDigitsAndDots(host)
                    ? "host '" + quote(host) + "' is made of digits and dots but is not an IPv4 address"
                    : hostnameProblem(host);
        };
    }

    private static String ipv4Problem(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return "'" + quote(host) + "' is not an IPv4 address: it has " + octets.length + " parts, not 4";
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !isDigits(octet)
                    || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return "'" + quote(host) + "' is not an IPv4 address: octet '" + octet
                        + "' is not a number from 0 to 255 without leading zeros";
            }
        }
        return null;
    }

    private static String ipv6Problem(String host) {
        if (host.indexOf('%') >= 0) {
            return "IPv6 literal '" + quote(host) + "' has a zone id, which is not allowed";
        }
        int gap = host.indexOf("::");
        if (gap >= 0 && host.indexOf("::", gap + 1) >= 0) {
            return "IPv6 literal '" + quote(host) + "' has more than one '::'";
        }
        String head = gap >= 0 ? host.substring(0, gap) : host;
        String tail = gap >= 0 ? host.substring(gap + 2) : "";
        String[] headGroups = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] tailGroups = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        // an embedded IPv4 may only end the literal, so it cannot be the last group before a trailing '::'
        boolean headEndsLiteral = gap < 0;
        int groups = 0;
        for (int i = 0; i < headGroups.length + tailGroups.length; i++) {
            boolean inHead = i < headGroups.length;
            String group = inHead ? headGroups[i] : tailGroups[i - headGroups.length];
            boolean last = i == headGroups.length + tailGroups.length - 1 && (!inHead || headEndsLiteral);
            if (group.indexOf('.') >= 0) {
                if (!last || ipv4Problem(group) != null) {
                    return "IPv6 literal '" + quote(host) + "' has a malformed embedded IPv4 part '" + quote(group) + "'";
                }
                groups += 2;
            } else if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
                return "IPv6 literal '" + quote(host) + "' has group '" + quote(group)
                        + "', which is not 1 to 4 hex digits";
            } else {
                groups++;
            }
        }
        if (gap < 0 && groups != 8) {
            return "IPv6 literal '" + quote(host) + "' has " + groups + " groups; it needs 8 (or fewer with '::')";
        }
        if (gap >= 0 && groups > 7) {
            return "IPv6 literal '" + quote(host) + "' has " + groups + " groups besides '::'; at most 7 are allowed"
                    + " with '::'";
        }
        return null;
    }

    private static String hostnameProblem(String host) {
        if (host.length() > MAX_HOSTNAME) {
            return "hostname is " + host.length() + " characters, more than " + MAX_HOSTNAME;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return "hostname '" + quote(host) + "' has a label of " + label.length() + " characters; labels are 1 to "
                        + MAX_LABEL;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isAsciiLetterOrDigit(c) || c == '-')) {
                    return "hostname '" + quote(host) + "' has the character '" + c + "' (U+"
                            + String.format("%04X", (int) c) + "); only letters, digits, '-' and '.' are allowed";
                }
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return "hostname '" + quote(host) + "' has label '" + label + "', which starts or ends with '-'";
            }
        }
        return null;
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException("address '" + quote(text) + "' is not valid: " + problem);
    }

    /** The text, cut to a readable length for an error message. */
    private static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "…";
    }

    private static boolean isDigitsAndDots(String s) {
        return s.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
