package io.metagroup.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts of fixed-size values into an etcd cluster through jetcd, sent to the leader's client endpoint (as Metagroup
 * proposals go to its leader's handle), over 1024 keys.
 */
public final class EtcdTarget implements AutoCloseable {
    private final Client client;
    private final KV kv;
    private final String endpoint;
    private final ByteSequence[] keys = new ByteSequence[1024];
    private final ByteSequence[] values = new ByteSequence[1024];

    private EtcdTarget(Client client, String endpoint, int valueBytes) {
        this.client = client;
        this.kv = client.getKVClient();
        this.endpoint = endpoint;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ByteSequence.from("bench/" + i, StandardCharsets.UTF_8);
            values[i] = ByteSequence.from(Samples.payload(i, valueBytes).toByteArray());
        }
    }

    /** Connects to the leader among {@code endpoints} ({@code http://127.0.0.1:port}), found by asking each. */
    public static EtcdTarget connect(List<String> endpoints, int valueBytes) throws Exception {
        String leader = null;
        for (String endpoint : endpoints) {
            try (Client one = Client.builder().endpoints(endpoint).build()) {
                StatusResponse status = one.getMaintenanceClient().statusMember(endpoint).get(10, TimeUnit.SECONDS);
                if (status.getLeader() == status.getHeader().getMemberId()) {
                    leader = endpoint;
                    break;
                }
            }
        }
        if (leader == null) {
            throw new IllegalStateException("no etcd member among " + endpoints + " says it leads");
        }
        return new EtcdTarget(Client.builder().endpoints(leader).build(), leader, valueBytes);
    }

    /** The leader's endpoint. */
    public String endpoint() {
        return endpoint;
    }

    /** Puts value {@code n} under key {@code n mod 1024}; completes once etcd committed it. */
    public CompletableFuture<?> put(long n) {
        int i = (int) (n % keys.length);
        return kv.put(keys[i], values[i]);
    }

    @Override
    public void close() {
        client.close();
    }
}
