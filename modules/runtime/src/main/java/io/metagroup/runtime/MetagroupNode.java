package io.metagroup.runtime;

import io.metagroup.core.SurrogateAllocator;
import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataGroup;
import io.metagroup.spi.ApplierPlugin;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Metagroup node: its Raft server, its {@link MetadataGroup} and, while it leads, its surrogate
 * allocator. Built by Dagger from a {@link NodeConfig}:
 *
 * <pre>{@code
 * try (MetagroupNode node = MetagroupNode.create(config, List.of(new MyPlugin()))) {
 *     node.start();
 *     node.group().propose(entry).get();
 * }
 * }</pre>
 */
public final class MetagroupNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetagroupNode.class);
    private static final long LEADERSHIP_POLL_MS = 100;

    private final NodeConfig config;
    private final Provider<GroupConfig> groupConfig;
    private final GroupHolder holder;
    private final SurrogateAllocator surrogates;
    private final List<ApplierPlugin> plugins;
    private final NodeTrust trust;
    private ScheduledExecutorService watcher;
    private MetadataGroup group;
    private boolean leading;

    @Inject
    MetagroupNode(NodeConfig config, Provider<GroupConfig> groupConfig, GroupHolder holder,
                  SurrogateAllocator surrogates, List<ApplierPlugin> plugins, NodeTrust trust) {
        this.config = config;
        this.groupConfig = groupConfig;
        this.holder = holder;
        this.surrogates = surrogates;
        this.plugins = plugins;
        this.trust = trust;
    }

    /**
     * A node of {@code config} running the plugins discovery finds (unless the config switches it off) and
     * {@code hostPlugins}.
     *
     * @throws StartupException when two plugins share an id
     */
    public static MetagroupNode create(NodeConfig config, List<ApplierPlugin> hostPlugins) {
        return DaggerNodeComponent.builder().config(config).hostPlugins(List.copyOf(hostPlugins)).build().node();
    }

    /** A node of {@code config} running the plugins discovery finds. */
    public static MetagroupNode create(NodeConfig config) {
        return create(config, List.of());
    }

    /**
     * Starts the node: claims its data dir, starts the Raft server, joins or bootstraps the group.
     *
     * @throws StartupException naming what is wrong (a data dir of another node or cluster, a busy port, a
     *                          plugin set that differs from the group's, unusable storage)
     */
    public synchronized MetagroupNode start() {
        if (group != null) {
            return this;
        }
        checkPortFree();
        GroupConfig startWith = groupConfig.get(); // reads and checks the TLS files before the data dir is claimed
        try {
            DataDirIdentity.claim(config.dataDir(), config.clusterName(), config.nodeId());
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
        try {
            group = MetadataGroup.start(startWith);
        } catch (BindException e) {
            throw new StartupException("address " + config.listen() + " is in use: stop what holds the port or choose"
                    + " another --listen", e);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("node " + Long.toUnsignedString(config.nodeId()) + " cannot start: "
                    + e.getMessage(), e);
        }
        holder.set(group);
        trust.follow(group.core());
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metagroup-leadership-" + Long.toUnsignedString(config.nodeId()));
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::followLeadership, 0, LEADERSHIP_POLL_MS, TimeUnit.MILLISECONDS);
        LOG.info("node {} started on {} with plugins {}", Long.toUnsignedString(config.nodeId()), config.listen(),
                plugins.stream().map(p -> p.id() + "@" + p.version()).toList());
        return this;
    }

    /** Refuses a taken port before anything is written to the data dir. */
    private void checkPortFree() {
        int colon = config.listen().lastIndexOf(':');
        String host = config.listen().substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(config.listen().substring(colon + 1));
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartupException("address " + config.listen() + " is in use: stop what holds the port or choose"
                    + " another --listen", e);
        }
    }

    /** The allocator runs only while this node leads the group; the leader also seeds the trust set from ca.d. */
    private void followLeadership() {
        try {
            boolean leader = group.status().role() == GroupStatus.Role.LEADER;
            if (leader != leading) {
                leading = leader;
                if (leader) {
                    surrogates.start();
                } else {
                    surrogates.stop();
                }
            }
            if (leading) {
                trust.bootstrap(group);
            }
        } catch (RuntimeException e) {
            LOG.warn("node {}: leadership check failed: {}", Long.toUnsignedString(config.nodeId()), e.toString());
        }
    }

    /** The running group. */
    public synchronized MetadataGroup group() {
        if (group == null) {
            throw new IllegalStateException("node " + Long.toUnsignedString(config.nodeId()) + " has not started");
        }
        return group;
    }

    /** The surrogate allocator; it hands out ids only while this node leads. */
    public SurrogateAllocator surrogates() {
        return surrogates;
    }

    /** The plugins this node runs, by id. */
    public List<ApplierPlugin> plugins() {
        return plugins;
    }

    /** This node's config. */
    public NodeConfig config() {
        return config;
    }

    /** Stops the node and every thread it started. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                watcher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watcher = null;
        }
        surrogates.stop();
        if (group != null) {
            group.close();
            group = null;
        }
    }
}
