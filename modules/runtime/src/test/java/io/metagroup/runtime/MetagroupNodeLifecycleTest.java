package io.metagroup.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.ProposalResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class MetagroupNodeLifecycleTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a one-node group, retrying on another port when the chosen one was taken meanwhile. */
    private MetagroupNode startSingle(Path dataDir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            int port = freePort();
            String addr = "127.0.0.1:" + port;
            MetagroupNode node = MetagroupNode.create(NodeConfig.of(1, addr, Map.of(1L, addr), dataDir), List.of());
            try {
                return node.start();
            } catch (StartupException e) {
                node.close();
                if (attempt >= 5 || !e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
    }

    private static Set<String> metagroupThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("metagroup-")).collect(Collectors.toSet());
    }

    @Test
    void startsProposesAllocatesWhileLeaderAndStopsEveryThread() throws Exception {
        Set<String> before = metagroupThreads();
        try (MetagroupNode node = startSingle(dir.resolve("n1"))) {
            node.group().ready().get(30, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!node.surrogates().isActive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            long id = node.surrogates().allocate(Duration.ofSeconds(30));
            assertThat(id).isGreaterThan(0);
            long hwm = node.group().core().cache().surrogateHwm();
            assertThat(hwm).isGreaterThanOrEqualTo(id);
            ProposalResult lower = node.group().propose(new MetadataEntry.SurrogateAlloc(1)).get(30, TimeUnit.SECONDS);
            assertThat(lower.applied()).isTrue();
            assertThat(node.group().core().cache().surrogateHwm()).isEqualTo(hwm);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!metagroupThreads().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(metagroupThreads()).isEqualTo(before);
    }

    @Test
    void refusesTheDataDirOfAnotherNode() throws Exception {
        Path data = dir.resolve("shared");
        try (MetagroupNode first = startSingle(data)) {
            assertThat(first.group().appliedIndex()).isGreaterThanOrEqualTo(0);
        }
        MetagroupNode other = MetagroupNode.create(NodeConfig.of(2, "127.0.0.1:1", Map.of(2L, "127.0.0.1:1"), data));
        assertThatThrownBy(other::start).isInstanceOf(StartupException.class)
                .hasMessageContaining("belongs to node 1 of cluster 'metagroup', not node 2");
    }

    @Test
    void refusesANonEmptyForeignDir() throws Exception {
        Path data = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(data.resolve("something.txt"), "x");
        MetagroupNode node = MetagroupNode.create(NodeConfig.of(1, "127.0.0.1:1", Map.of(1L, "127.0.0.1:1"), data));
        assertThatThrownBy(node::start).hasMessageContaining("is not a Metagroup node's directory");
    }

    @Test
    void aBusyPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String addr = "127.0.0.1:" + taken.getLocalPort();
            MetagroupNode node = MetagroupNode.create(NodeConfig.of(1, addr, Map.of(1L, addr), dir.resolve("b")));
            try {
                assertThatThrownBy(node::start).isInstanceOf(StartupException.class)
                        .hasMessageContaining("address " + addr + " is in use");
                assertThat(dir.resolve("b")).doesNotExist();
            } finally {
                node.close();
            }
        }
    }
}
