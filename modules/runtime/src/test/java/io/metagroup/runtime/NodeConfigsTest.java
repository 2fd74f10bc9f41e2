package io.metagroup.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigsTest {
    @TempDir
    Path dir;

    private static Map<String, String> minimal() {
        return Map.of("node.id", "1", "node.listen", "127.0.0.1:7001", "node.data-dir", "/tmp/n1",
                "cluster.peers", "1=127.0.0.1:7001, 2=127.0.0.1:7002,3=127.0.0.1:7003");
    }

    @Test
    void fileSettingsAreOverriddenByFlags() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "node.id=1\nnode.listen=127.0.0.1:7001\nnode.data-dir=/tmp/n1\n"
                + "cluster.peers=1=127.0.0.1:7001,2=127.0.0.1:7002\nraft.election-timeout=500ms\nplugin.routing.groups=4\n");
        NodeConfig config = NodeConfigs.from(NodeConfigs.readFile(file), Map.of("raft.election-timeout", "1s"), file.toString());
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.peers()).containsEntry(2L, "127.0.0.1:7002").hasSize(2);
        assertThat(config.electionTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.settings()).containsEntry("plugin.routing.groups", "4");
        assertThat(config.tls()).isEmpty();
        assertThat(config.discovery()).isTrue();
        assertThat(config.joining()).isFalse();
    }

    @Test
    void emptyPeersMeansJoining() throws Exception {
        NodeConfig config = NodeConfigs.from(Map.of("node.id", "4", "node.listen", "127.0.0.1:7004",
                "node.data-dir", "/tmp/n4"), Map.of(), "flags");
        assertThat(config.joining()).isTrue();
    }

    @Test
    void everyBadSettingIsNamed() {
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("node.idd", "1"), "flags"))
                .hasMessageContaining("unknown setting 'node.idd' in flags");
        assertThatThrownBy(() -> NodeConfigs.from(Map.of("node.listen", "127.0.0.1:1", "node.data-dir", "d"), Map.of(), "f.properties"))
                .hasMessageContaining("missing setting 'node.id'");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("node.id", "-3"), "flags"))
                .hasMessageContaining("node.id '-3' in flags must be an unsigned integer");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("node.listen", "127.0.0.1:99999"), "flags"))
                .hasMessageContaining("node.listen").hasMessageContaining("1..65535");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("node.id", "9"), "flags"))
                .hasMessageContaining("does not list this node (node.id=9)");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("cluster.peers", "1=127.0.0.1:7001,1=127.0.0.1:7002"), "flags"))
                .hasMessageContaining("lists node 1 twice");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("cluster.peers", "1=127.0.0.1:7001,2=127.0.0.1:7001"), "flags"))
                .hasMessageContaining("gives address 127.0.0.1:7001 to two nodes");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("cluster.peers", "127.0.0.1:7001"), "flags"))
                .hasMessageContaining("is not ID=HOST:PORT");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("raft.election-timeout", "fast"), "flags"))
                .hasMessageContaining("raft.election-timeout in flags: a duration is");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("raft.election-timeout", "10ms"), "flags"))
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("plugins.discovery", "yes"), "flags"))
                .hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("tls.key", "/nonexistent/k.pem"), "flags"))
                .hasMessageContaining("needs both tls.key and tls.cert");
        assertThatThrownBy(() -> NodeConfigs.from(minimal(), Map.of("cluster.name", "bad name"), "flags"))
                .hasMessageContaining("cluster.name 'bad name'");
    }

    @Test
    void unreadableFileIsNamed() {
        assertThatThrownBy(() -> NodeConfigs.readFile(dir.resolve("missing.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties");
    }

    @Test
    void addressesAreCheckedBySyntaxOnly() {
        assertThat(NodeConfigs.checkAddress("[::1]:7001")).isEqualTo("[::1]:7001");
        assertThat(NodeConfigs.checkAddress("node-1.example:7001")).isEqualTo("node-1.example:7001");
        assertThatThrownBy(() -> NodeConfigs.checkAddress("no port")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> NodeConfigs.checkAddress("bad_host:1")).hasMessageContaining("not an IP literal or host name");
    }

    @Test
    void durations() {
        assertThat(NodeConfigs.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(NodeConfigs.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> NodeConfigs.parseDuration("m")).hasMessageContaining("a duration is");
    }
}
