/**
 * Joining a running metadata group with a single-use join token: the bootstrap endpoint each node serves (HTTPS,
 * server authentication only), the joiner's side that pins the cluster CA before it sends anything, the certificate
 * a node holding the CA key issues from the joiner's CSR, and the leader's sweeps of expired and abandoned tokens.
 */
module io.metagroup.bootstrap {
    requires transitive io.metagroup.runtime;
    requires transitive io.metagroup.plugin.jointoken;
    requires io.metagroup.plugin.tls;
    requires jdk.httpserver;
    requires java.net.http;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.slf4j;

    exports io.metagroup.bootstrap;
}
