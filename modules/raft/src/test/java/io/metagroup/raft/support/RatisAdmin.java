package io.metagroup.raft.support;

import io.metagroup.raft.Member;
import io.metagroup.raft.internal.Ids;
import java.io.IOException;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;

/** A plain Ratis client to a test cluster, for what a test does below the MetadataGroup API. */
public final class RatisAdmin {
    private RatisAdmin() {}

    /** A client of the group named {@code clusterName} whose members are {@code members}. */
    public static RaftClient client(String clusterName, List<Member> members) {
        RaftProperties p = new RaftProperties();
        List<RaftPeer> peers = members.stream().map(Ids::peer).toList();
        return RaftClient.newBuilder()
                .setRaftGroup(RaftGroup.valueOf(Ids.groupId(clusterName), peers))
                .setProperties(p)
                .setClientRpc(new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), p))
                .build();
    }

    /** Closes a client, ignoring failures. */
    public static void close(RaftClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
