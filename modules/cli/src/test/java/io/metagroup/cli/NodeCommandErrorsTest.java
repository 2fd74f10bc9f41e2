package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way {@code metagroup node} can be started wrong: one line naming what and how to fix it, exit 2, nothing written. */
class NodeCommandErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(Cli.Result r, String expected) {
        Cli.assertOneLineError(r, Metagroup.USAGE, expected);
    }

    @Test
    void unknownFlag() {
        assertOneLineError(Cli.run("node", "--idd", "1"), "Unknown options: '--idd'");
    }

    @Test
    void missingSetting() {
        assertOneLineError(Cli.run("node", "--listen", "127.0.0.1:7001", "--data-dir", dir.resolve("n").toString()),
                "missing setting 'node.id'");
        assertThat(dir.resolve("n")).doesNotExist();
    }

    @Test
    void badConfigValueInFile() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "node.id=1\nnode.listen=127.0.0.1:70001\nnode.data-dir=" + dir.resolve("n") + "\n");
        assertOneLineError(Cli.run("node", "--config", file.toString()), "node.listen in " + file);
        assertThat(dir.resolve("n")).doesNotExist();
    }

    @Test
    void unknownSettingInFile() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "node.id=1\nnode.lisen=127.0.0.1:7001\n");
        assertOneLineError(Cli.run("node", "--config", file.toString()), "unknown setting 'node.lisen'");
    }

    @Test
    void busyPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String addr = "127.0.0.1:" + taken.getLocalPort();
            Cli.Result r = Cli.run("node", "--id", "1", "--listen", addr, "--peers", "1=" + addr,
                    "--data-dir", dir.resolve("n").toString());
            assertOneLineError(r, "address " + addr + " is in use");
            assertThat(dir.resolve("n")).doesNotExist();
        }
    }

    @Test
    void dataDirOfAnotherGroup() throws Exception {
        Path data = Files.createDirectories(dir.resolve("n"));
        Files.writeString(data.resolve("node.identity"), "cluster.name=other\nnode.id=1\n");
        Cli.Result r = Cli.run("node", "--id", "1", "--listen", "127.0.0.1:1", "--peers", "1=127.0.0.1:1",
                "--data-dir", data.toString());
        assertOneLineError(r, "belongs to node 1 of cluster 'other', not node 1 of cluster 'metagroup'");
        try (var files = Files.list(data)) {
            assertThat(files).hasSize(1);
        }
    }
}
