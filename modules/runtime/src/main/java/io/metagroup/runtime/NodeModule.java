package io.metagroup.runtime;

import dagger.Module;
import dagger.Provides;
import io.metagroup.core.SurrogateAllocator;
import io.metagroup.raft.GroupConfig;
import io.metagroup.raft.Member;
import io.metagroup.raft.Tuning;
import io.metagroup.spi.ApplierPlugin;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the parts of a node are made from its {@link NodeConfig}. */
@Module
final class NodeModule {
    private NodeModule() {}

    @Provides
    @Singleton
    static List<ApplierPlugin> plugins(NodeConfig config, @HostPlugins List<ApplierPlugin> hostPlugins) {
        try {
            return PluginDiscovery.merge(config.discovery(), hostPlugins);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    @Provides
    static Tuning tuning(NodeConfig config) {
        Tuning d = Tuning.defaults();
        return new Tuning(config.electionTimeout(), config.electionTimeout().multipliedBy(2), config.requestTimeout(),
                d.proposeTimeout(), d.snapshotThreshold(), d.purgeGap(), d.purgeUptoSnapshot(), d.snapshotsRetained(),
                d.batchMaxProposals(), d.batchMaxBytes(), d.maxInFlight(), d.historyRetained(), d.subscriberBuffer(),
                d.reconcileInterval(), d.catchUpSlack());
    }

    @Provides
    static GroupConfig groupConfig(NodeConfig config, List<ApplierPlugin> plugins, Tuning tuning, NodeTrust trust) {
        List<Member> members = new ArrayList<>();
        for (Map.Entry<Long, String> peer : config.peers().entrySet()) {
            members.add(new Member(peer.getKey(), peer.getValue()));
        }
        GroupConfig group = new GroupConfig(new Member(config.nodeId(), config.listen()), members,
                config.clusterName(), config.dataDir(), plugins, trust.settings(), tuning);
        return trust.peerTls(plugins).map(group::withTls).orElse(group);
    }

    @Provides
    @Singleton
    static SurrogateAllocator surrogates(GroupHolder holder) {
        return new SurrogateAllocator(
                entry -> holder.group().propose(entry).thenApply(io.metagroup.raft.ProposalResult::outcome),
                () -> holder.group().core().cache().surrogateHwm());
    }
}
