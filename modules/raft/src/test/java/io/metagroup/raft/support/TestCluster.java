package io.metagroup.raft.support;

import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.Member;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.raft.Tuning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Real Ratis nodes over gRPC on 127.0.0.1, in one JVM, each with its own data directory. Node ids are 1..n; ports
 * are drawn free and the whole start is retried on a BindException.
 */
public final class TestCluster implements AutoCloseable {
    private final Path root;
    private final Tuning tuning;
    // load threads list the live nodes while a test kills and restarts them
    private final ConcurrentSkipListMap<Long, GroupConfig> configs = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, MetadataGroup> nodes = new ConcurrentSkipListMap<>();

    private TestCluster(Path root, Tuning tuning) {
        this.root = root;
        this.tuning = tuning;
    }

    /** Starts {@code n} voters. */
    public static TestCluster start(Path root, int n, Tuning tuning) {
        return start(root, n, tuning, id -> Map.of(), members -> (self, peer) -> peer);
    }

    /**
     * Starts {@code n} voters with per-node settings and a per-node view of the others' addresses ({@code view}
     * gets the real members and returns, for (viewing node, member), the member as that node reaches it).
     */
    public static TestCluster start(Path root, int n, Tuning tuning, Function<Long, Map<String, String>> settings,
                                    Function<List<Member>, BiFunction<Long, Member, Member>> view) {
        BindException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            TestCluster c = new TestCluster(root.resolve("try" + attempt), tuning);
            List<Member> members = new ArrayList<>();
            for (long id = 1; id <= n; id++) {
                members.add(Member.loopback(id, Ports.free()));
            }
            BiFunction<Long, Member, Member> v = view.apply(members);
            try {
                for (Member self : members) {
                    List<Member> seen = members.stream()
                            .map(m -> m.nodeId() == self.nodeId() ? m : v.apply(self.nodeId(), m)).toList();
                    GroupConfig config = new GroupConfig(self, seen, "test", c.root.resolve("node" + self.nodeId()),
                            List.of(Recorder.plugin()), settings.apply(self.nodeId()), tuning);
                    c.configs.put(self.nodeId(), config);
                    c.nodes.put(self.nodeId(), MetadataGroup.start(config));
                }
                return c;
            } catch (BindException e) {
                last = e;
                c.close();
            } catch (IOException e) {
                c.close();
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free ports after 5 attempts", last);
    }

    /** Starts a node outside the group (empty initial members) that waits to be added. */
    public MetadataGroup startJoining(long id) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Member self = Member.loopback(id, Ports.free());
            MetadataGroup g = launch(new GroupConfig(self, List.of(), "test", root.resolve("node" + id),
                    List.of(Recorder.plugin()), Map.of(), tuning));
            if (g != null) {
                return g;
            }
        }
        throw new IllegalStateException("no free port for node " + id);
    }

    /** Starts and registers a node; null when its port is taken. */
    private MetadataGroup launch(GroupConfig config) {
        try {
            MetadataGroup g = MetadataGroup.start(config);
            configs.put(config.self().nodeId(), config);
            nodes.put(config.self().nodeId(), g);
            return g;
        } catch (BindException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running node {@code id}. */
    public MetadataGroup node(long id) {
        MetadataGroup g = nodes.get(id);
        if (g == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        return g;
    }

    /** The configuration node {@code id} was started with. */
    public GroupConfig config(long id) {
        return configs.get(id);
    }

    /** Running nodes. */
    public List<MetadataGroup> live() {
        return List.copyOf(nodes.values());
    }

    /** Ids of every node ever started. */
    public List<Long> ids() {
        return List.copyOf(configs.keySet());
    }

    /** The recorder applier of node {@code id}. */
    public Recorder recorder(long id) {
        return node(id).core().applier(Recorder.ID, Recorder.class);
    }

    /** Stops node {@code id} (closes its server; its data stays). */
    public void kill(long id) {
        MetadataGroup g = nodes.remove(id);
        if (g != null) {
            g.close();
        }
    }

    /** Starts node {@code id} again on its data directory and port, optionally with other settings. */
    public MetadataGroup restart(long id) {
        return restart(id, configs.get(id).settings());
    }

    /** Starts node {@code id} again with {@code settings}. */
    public MetadataGroup restart(long id, Map<String, String> settings) {
        GroupConfig old = configs.get(id);
        GroupConfig config = new GroupConfig(old.self(), old.initialMembers(), old.clusterName(), old.dataDir(),
                old.plugins(), settings, old.tuning());
        for (int attempt = 0; attempt < 50; attempt++) {
            MetadataGroup g = launch(config);
            if (g != null) {
                return g;
            }
            sleep(100); // the old server's socket may linger for a moment
        }
        throw new IllegalStateException("port of node " + id + " stayed taken: " + config.self());
    }

    /** The id of the node that leads, as seen by a running node, once one does. */
    public long awaitLeader(Duration timeout) {
        return Await.value(timeout, "a leader", () -> {
            for (MetadataGroup g : nodes.values()) {
                GroupStatus s = g.status();
                if (s.role() == GroupStatus.Role.LEADER) {
                    return g.nodeId();
                }
            }
            return null;
        });
    }

    /** Waits until every running node has applied up to {@code index}. */
    public void awaitAllApplied(long index, Duration timeout) {
        Await.until(timeout, "every node applied " + index,
                () -> nodes.values().stream().allMatch(g -> g.appliedIndex() >= index));
    }

    /** The highest commit index any running node knows. */
    public long maxCommit() {
        return nodes.values().stream().mapToLong(g -> g.status().commitIndex()).max().orElse(0);
    }

    /** The leader's node, if one is known now. */
    public Optional<MetadataGroup> leaderNow() {
        return nodes.values().stream().filter(g -> g.status().role() == GroupStatus.Role.LEADER).findFirst();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (Long id : List.copyOf(nodes.keySet())) {
            kill(id);
        }
    }
}
