package io.metagroup.plugin.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An immutable routing table: each of the {@value #VSHARD_COUNT} vShards is assigned to a group (or not yet
 * assigned), and each group has members, learners, a leader hint and a replication factor. Lookups go vShard →
 * group → leader; {@link #vshardOf(String)} maps a collection name to its vShard.
 *
 * <p>A group id a vShard points at need not have a {@link GroupInfo} (the log may assign a vShard before it says
 * anything about the group); then the vShard has a group but no leader.
 */
public final class RoutingTable {
    /** The number of vShards, numbered 0..1023. */
    public static final int VSHARD_COUNT = 1024;
    /** FNV-1a 32-bit offset basis. */
    static final int FNV_OFFSET_BASIS = 0x811C_9DC5;
    /** FNV-1a 32-bit prime. */
    static final int FNV_PRIME = 0x0100_0193;

    private static final RoutingTable EMPTY = new RoutingTable(new long[VSHARD_COUNT], new boolean[VSHARD_COUNT],
            new TreeMap<>(Long::compareUnsigned));

    /** The group of each vShard; 0 where the vShard is unassigned, so equal tables have equal arrays. */
    private final long[] groupOf;
    private final boolean[] assigned;
    private final NavigableMap<Long, GroupInfo> groups;

    /** Takes ownership of the arguments: callers pass fresh copies. */
    private RoutingTable(long[] groupOf, boolean[] assigned, NavigableMap<Long, GroupInfo> groups) {
        this.groupOf = groupOf;
        this.assigned = assigned;
        this.groups = groups;
    }

    /** The table with no vShard assigned and no group. */
    public static RoutingTable empty() {
        return EMPTY;
    }

    /**
     * A table from its parts.
     *
     * @param assignments vShard → group id for the assigned vShards; the rest are unassigned
     * @param groups      the groups, ids unique
     * @throws IllegalArgumentException on a vShard outside 0..1023 or a repeated group id
     */
    public static RoutingTable of(Map<Integer, Long> assignments, Collection<GroupInfo> groups) {
        long[] groupOf = new long[VSHARD_COUNT];
        boolean[] assigned = new boolean[VSHARD_COUNT];
        assignments.forEach((vshard, group) -> {
            checkVShard(Objects.requireNonNull(vshard, "vshard"));
            groupOf[vshard] = Objects.requireNonNull(group, "group");
            assigned[vshard] = true;
        });
        NavigableMap<Long, GroupInfo> byId = new TreeMap<>(Long::compareUnsigned);
        for (GroupInfo group : groups) {
            if (byId.put(group.groupId(), group) != null) {
                throw new IllegalArgumentException("group " + Long.toUnsignedString(group.groupId())
                        + " appears twice in the routing table");
            }
        }
        return new RoutingTable(groupOf, assigned, byId);
    }

    /**
     * A table spreading the vShards evenly: vShard {@code v} belongs to group {@code v % groups}; groups are
     * numbered {@code 0..groups-1}; group {@code g} has the {@code replicationFactor} members
     * {@code nodes[(g + r) % nodes.size()]} for {@code r = 0..replicationFactor-1}, leader {@code nodes[g %
     * nodes.size()]}, no learners, and replication factor {@code replicationFactor}.
     *
     * @throws IllegalArgumentException when {@code groups < 1}, {@code nodes} is empty or repeats a node, or
     *                                  {@code replicationFactor} is not in {@code 1..nodes.size()}
     */
    public static RoutingTable uniform(int groups, List<Long> nodes, int replicationFactor) {
        if (groups < 1) {
            throw new IllegalArgumentException("a uniform table needs at least one group, got " + groups);
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a uniform table needs at least one node");
        }
        if (new HashSet<>(nodes).size() != nodes.size()) {
            throw new IllegalArgumentException("the nodes of a uniform table must be distinct, got " + nodes);
        }
        if (replicationFactor < 1 || replicationFactor > nodes.size()) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " is not from 1 to the "
                    + nodes.size() + " nodes given");
        }
        long[] groupOf = new long[VSHARD_COUNT];
        boolean[] assigned = new boolean[VSHARD_COUNT];
        for (int v = 0; v < VSHARD_COUNT; v++) {
            groupOf[v] = v % groups;
            assigned[v] = true;
        }
        NavigableMap<Long, GroupInfo> byId = new TreeMap<>(Long::compareUnsigned);
        for (int g = 0; g < groups; g++) {
            List<Long> members = new ArrayList<>();
            for (int r = 0; r < replicationFactor; r++) {
                members.add(nodes.get((g + r) % nodes.size()));
            }
            byId.put((long) g, new GroupInfo(g, members, List.of(),
                    OptionalLong.of(nodes.get(g % nodes.size())), replicationFactor));
        }
        return new RoutingTable(groupOf, assigned, byId);
    }

    /** This table with {@code vshard} assigned to {@code groupId}. */
    public RoutingTable withAssignment(int vshard, long groupId) {
        checkVShard(vshard);
        long[] nextGroupOf = groupOf.clone();
        boolean[] nextAssigned = assigned.clone();
        nextGroupOf[vshard] = groupId;
        nextAssigned[vshard] = true;
        return new RoutingTable(nextGroupOf, nextAssigned, groups);
    }

    /** This table with {@code group} added, or replacing the group of the same id. */
    public RoutingTable withGroup(GroupInfo group) {
        NavigableMap<Long, GroupInfo> next = new TreeMap<>(groups);
        next.put(group.groupId(), group);
        return new RoutingTable(groupOf, assigned, next);
    }

    /** The group {@code vshard} is assigned to, or empty when it is unassigned. */
    public OptionalLong groupOf(int vshard) {
        checkVShard(vshard);
        return assigned[vshard] ? OptionalLong.of(groupOf[vshard]) : OptionalLong.empty();
    }

    /** The group with id {@code groupId}, if the table knows it. */
    public Optional<GroupInfo> group(long groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    /** The leader hint of the group {@code vshard} is assigned to, if any. */
    public OptionalLong leaderOf(int vshard) {
        OptionalLong group = groupOf(vshard);
        if (group.isEmpty()) {
            return OptionalLong.empty();
        }
        GroupInfo info = groups.get(group.getAsLong());
        return info == null ? OptionalLong.empty() : info.leader();
    }

    /** The vShards assigned to {@code groupId}, ascending. */
    public List<Integer> vshardsOf(long groupId) {
        List<Integer> vshards = new ArrayList<>();
        for (int v = 0; v < VSHARD_COUNT; v++) {
            if (assigned[v] && groupOf[v] == groupId) {
                vshards.add(v);
            }
        }
        return vshards;
    }

    /** The groups, in ascending unsigned group-id order. */
    public List<GroupInfo> groups() {
        return List.copyOf(groups.values());
    }

    /** The vShard of a collection: FNV-1a 32-bit of the name's UTF-8 bytes, as unsigned, modulo 1024. */
    public static int vshardOf(String collectionName) {
        return Integer.remainderUnsigned(fnv1a32(collectionName.getBytes(StandardCharsets.UTF_8)), VSHARD_COUNT);
    }

    /**
     * FNV-1a, 32-bit: start from the offset basis {@code 0x811C9DC5}; for each byte, XOR it in, then multiply by the
     * prime {@code 0x01000193} modulo 2^32.
     */
    public static int fnv1a32(byte[] bytes) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /**
     * Writes the table's canonical encoding, which is also the routing plugin's snapshot section (so a table built
     * here can be installed with {@code restoreSnapshot}).
     */
    public void writeTo(OutputStream out) throws IOException {
        RoutingCodec.write(this, out);
    }

    /**
     * Reads a table written by {@link #writeTo}, reading no byte past its end.
     *
     * @throws IOException naming what is malformed
     */
    public static RoutingTable readFrom(InputStream in) throws IOException {
        return RoutingCodec.read(in);
    }

    static void checkVShard(int vshard) {
        if (vshard < 0 || vshard >= VSHARD_COUNT) {
            throw new IllegalArgumentException("vShard " + vshard + " is outside 0.." + (VSHARD_COUNT - 1));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutingTable t && Arrays.equals(assigned, t.assigned) && Arrays.equals(groupOf, t.groupOf)
                && groups.equals(t.groups);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(groupOf) + groups.hashCode();
    }

    @Override
    public String toString() {
        int count = 0;
        for (boolean a : assigned) {
            count += a ? 1 : 0;
        }
        return "RoutingTable[" + count + " of " + VSHARD_COUNT + " vShards assigned, groups=" + groups.values() + "]";
    }
}
