package io.metagroup.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a {@link NodeConfig} from settings: a properties file and flags that override it. Every error names the
 * setting, its value, where it came from and what would be accepted.
 *
 * <p>Settings: {@code node.id}, {@code node.listen}, {@code node.data-dir}, {@code cluster.name},
 * {@code cluster.peers} ({@code ID=HOST:PORT,...}), {@code raft.election-timeout}, {@code raft.request-timeout},
 * {@code tls.key}, {@code tls.cert}, {@code tls.trust-dir}, {@code plugins.discovery}, and
 * {@code plugin.<id>.<key>} for plugins.
 */
public final class NodeConfigs {
    private static final Set<String> KNOWN = Set.of("node.id", "node.listen", "node.data-dir", "cluster.name",
            "cluster.peers", "raft.election-timeout", "raft.request-timeout", "tls.key", "tls.cert", "tls.trust-dir",
            "plugins.discovery");

    private NodeConfigs() {}

    /** Reads a properties file into settings, refusing keys it does not know. */
    public static SortedMap<String, String> readFile(Path file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        SortedMap<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            settings.put(key, properties.getProperty(key).strip());
        }
        return settings;
    }

    /**
     * Builds a config from {@code fileSettings} overridden by {@code flagSettings}.
     *
     * @param source names the config file (or "flags") in messages
     */
    public static NodeConfig from(Map<String, String> fileSettings, Map<String, String> flagSettings, String source)
            throws ConfigException {
        SortedMap<String, String> all = new TreeMap<>(fileSettings);
        all.putAll(flagSettings);
        for (String key : all.keySet()) {
            if (!KNOWN.contains(key) && !isPluginKey(key)) {
                throw new ConfigException("unknown setting '" + key + "' in " + source
                        + "; known: " + String.join(", ", new java.util.TreeSet<>(KNOWN)) + ", plugin.<id>.<key>");
            }
        }
        long nodeId = unsignedLong(required(all, "node.id", source), "node.id", source);
        String listen = address(required(all, "node.listen", source), "node.listen", source);
        Path dataDir = Path.of(required(all, "node.data-dir", source));
        SortedMap<Long, String> peers = peers(all.getOrDefault("cluster.peers", ""), source);
        if (!peers.isEmpty() && !peers.containsKey(nodeId)) {
            throw new ConfigException("cluster.peers in " + source + " does not list this node (node.id="
                    + Long.toUnsignedString(nodeId) + "); add " + Long.toUnsignedString(nodeId) + "=" + listen
                    + ", or leave cluster.peers empty to join a running group");
        }
        String clusterName = all.getOrDefault("cluster.name", NodeConfig.DEFAULT_CLUSTER_NAME);
        if (!clusterName.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new ConfigException("cluster.name '" + clusterName + "' in " + source
                    + " must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        Duration election = duration(all, "raft.election-timeout", NodeConfig.DEFAULT_ELECTION_TIMEOUT, source);
        if (election.toMillis() < 100) {
            throw new ConfigException("raft.election-timeout " + all.get("raft.election-timeout") + " in " + source
                    + " is too short; use at least 100ms (300ms or more on small machines)");
        }
        Duration request = duration(all, "raft.request-timeout", NodeConfig.DEFAULT_REQUEST_TIMEOUT, source);
        Optional<NodeConfig.Tls> tls = tls(all, dataDir, source);
        boolean discovery = bool(all.getOrDefault("plugins.discovery", "true"), "plugins.discovery", source);
        SortedMap<String, String> pluginSettings = new TreeMap<>();
        all.forEach((k, v) -> {
            if (isPluginKey(k)) {
                pluginSettings.put(k, v);
            }
        });
        return new NodeConfig(nodeId, listen, peers, clusterName, dataDir, tls, election, request, pluginSettings,
                discovery);
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    break;
            }
        } catch (NumberFormatException | IndexOutOfBoundsException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("a duration is a number with ms, s, m, h or d (e.g. 500ms, 30s, 15m), got '"
                + text + "'");
    }

    /**
     * Checks {@code host:port} by syntax (never resolved): port 1..65535, host an IPv4 literal, a bracketed IPv6
     * literal or a host name.
     */
    public static String checkAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("an address is HOST:PORT (e.g. 127.0.0.1:7001), got '" + text + "'");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of '" + text + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port of '" + text + "' must be 1..65535");
        }
        boolean ipv6 = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
        if (!ipv6 && !host.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*")) {
            throw new IllegalArgumentException("the host of '" + text + "' is not an IP literal or host name");
        }
        return text;
    }

    private static boolean isPluginKey(String key) {
        return key.matches("plugin\\.[a-z][a-z0-9-]*\\..+");
    }

    private static String required(Map<String, String> all, String key, String source) throws ConfigException {
        String value = all.get(key);
        if (value == null || value.isEmpty()) {
            throw new ConfigException("missing setting '" + key + "' (in " + source + " or as a flag)");
        }
        return value;
    }

    private static long unsignedLong(String value, String key, String source) throws ConfigException {
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " '" + value + "' in " + source + " must be an unsigned integer");
        }
    }

    private static String address(String value, String key, String source) throws ConfigException {
        try {
            return checkAddress(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " in " + source + ": " + e.getMessage());
        }
    }

    private static SortedMap<Long, String> peers(String text, String source) throws ConfigException {
        SortedMap<Long, String> peers = new TreeMap<>(Long::compareUnsigned);
        if (text.isBlank()) {
            return peers;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("cluster.peers in " + source + ": '" + p
                        + "' is not ID=HOST:PORT (e.g. 1=127.0.0.1:7001,2=127.0.0.1:7002)");
            }
            long id = unsignedLong(p.substring(0, eq).strip(), "cluster.peers node id", source);
            String addr = address(p.substring(eq + 1).strip(), "cluster.peers entry for node " + Long.toUnsignedString(id), source);
            if (peers.put(id, addr) != null) {
                throw new ConfigException("cluster.peers in " + source + " lists node " + Long.toUnsignedString(id) + " twice");
            }
            if (peers.values().stream().filter(addr::equals).count() > 1) {
                throw new ConfigException("cluster.peers in " + source + " gives address " + addr + " to two nodes");
            }
        }
        return peers;
    }

    private static Duration duration(Map<String, String> all, String key, Duration fallback, String source)
            throws ConfigException {
        String value = all.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " in " + source + ": " + e.getMessage());
        }
    }

    private static boolean bool(String value, String key, String source) throws ConfigException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigException(key + " '" + value + "' in " + source + " must be true or false");
        }
    }

    private static Optional<NodeConfig.Tls> tls(Map<String, String> all, Path dataDir, String source)
            throws ConfigException {
        String key = all.get("tls.key");
        String cert = all.get("tls.cert");
        if (key == null && cert == null) {
            if (all.containsKey("tls.trust-dir")) {
                throw new ConfigException("tls.trust-dir in " + source + " needs tls.key and tls.cert too");
            }
            return Optional.empty();
        }
        if (key == null || cert == null) {
            throw new ConfigException("TLS needs both tls.key and tls.cert (in " + source + "); only "
                    + (key == null ? "tls.cert" : "tls.key") + " is set");
        }
        Path trust = Path.of(all.getOrDefault("tls.trust-dir", dataDir.resolve("ca.d").toString()));
        for (Path p : new Path[] {Path.of(key), Path.of(cert)}) {
            if (!Files.isReadable(p)) {
                throw new ConfigException("TLS file " + p + " (from " + source + ") does not exist or is not readable");
            }
        }
        return Optional.of(new NodeConfig.Tls(Path.of(key), Path.of(cert), trust));
    }
}
