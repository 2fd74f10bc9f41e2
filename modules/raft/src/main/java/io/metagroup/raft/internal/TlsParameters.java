package io.metagroup.raft.internal;

import io.metagroup.raft.PeerTls;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;

/**
 * The Ratis {@link Parameters} of a server or client with or without {@link PeerTls}: one mutual-TLS configuration
 * for the server, client and admin services (and the server's own connections to its peers), and on a server a
 * services customizer that sets gRPC's max connection age.
 *
 * <p>The JDK's TLS provider is asked for explicitly: Ratis defaults a server to OpenSSL, which needs netty-tcnative,
 * absent here.
 */
public final class TlsParameters {
    private TlsParameters() {}

    /** Parameters for a Ratis server of a node. */
    public static Parameters forServer(Optional<PeerTls> tls) {
        Parameters p = forClient(tls);
        tls.ifPresent(t -> GrpcConfigKeys.Server.setServicesCustomizer(p, (builder, types) -> builder
                .maxConnectionAge(t.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(t.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)));
        return p;
    }

    /** Parameters for a Ratis client (and its gRPC factory). */
    public static Parameters forClient(Optional<PeerTls> tls) {
        Parameters p = new Parameters();
        tls.ifPresent(t -> {
            GrpcTlsConfig conf = GrpcTlsConfig.newBuilder()
                    .setKeyManager(t.keyManager())
                    .setTrustManager(t.trustManager())
                    .setMutualTls(true)
                    .setSslProvider(SslProvider.JDK)
                    .build();
            GrpcConfigKeys.TLS.setConf(p, conf);
            GrpcConfigKeys.Server.setTlsConf(p, conf);
            GrpcConfigKeys.Client.setTlsConf(p, conf);
            GrpcConfigKeys.Admin.setTlsConf(p, conf);
        });
        return p;
    }
}
