package io.metagroup.raft.client;

import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.support.TestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Remote clients of a {@link TestCluster}. */
final class Clients {
    private Clients() {}

    /** Node id → address of every node the cluster started. */
    static Map<Long, String> peers(TestCluster cluster) {
        Map<Long, String> peers = new TreeMap<>();
        for (long id : cluster.ids()) {
            peers.put(id, cluster.config(id).self().address());
        }
        return peers;
    }

    /**
     * A client of {@code cluster} that gives up on a member after 10 s (generous: these tests check answers, and a
     * busy machine may be slow to give them) and on a proposal after 20 s.
     */
    static MetadataClient of(TestCluster cluster) {
        return MetadataClient.open("test", peers(cluster), ClientOptions.defaults()
                .withAnswerTimeout(Duration.ofSeconds(10)).withProposeTimeout(Duration.ofSeconds(20)));
    }
}
