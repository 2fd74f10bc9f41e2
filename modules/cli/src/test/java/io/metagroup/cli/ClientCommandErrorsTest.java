package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a client command can be given wrong, or find no group: one line naming what is wrong and how to fix it,
 * exit 2 for the command line and 1 for a group that cannot be reached.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientCommandErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unreachablePeersAreOneLineForEveryCommand() {
        int a = InJvmGroup.freePort();
        int b = InJvmGroup.freePort();
        String peers = "1=127.0.0.1:" + a + ",2=127.0.0.1:" + b;
        String expected = "no member of cluster 'metagroup' at 127.0.0.1:" + a + ", 127.0.0.1:" + b
                + " answered within 1s: is the group running? (node 1: ";
        for (List<String> command : List.of(List.of("status"), List.of("members"), List.of("read"),
                List.of("watch", "--from", "1"), List.of("propose", "surrogate", "alloc", "--hwm", "1"))) {
            List<String> args = new java.util.ArrayList<>(List.of(command.get(0), "--peers", peers, "--timeout", "1s"));
            args.addAll(command.subList(1, command.size()));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            Cli.assertOneLineError(r, Metagroup.FAILURE, expected);
            // a cold JVM may take longer than 1s to open its first connection
            assertThat(r.err()).containsPattern("node 2: (connection refused|no answer within 1s)\\)");
            assertThat(r.out()).as("%s prints nothing", command).isEmpty();
        }
    }

    @Test
    void noPeersGiven() {
        Cli.assertOneLineError(Cli.run("status"), Metagroup.USAGE,
                "no members to reach: give --peers ID=HOST:PORT,... or --config FILE");
    }

    @Test
    void badPeersValue() {
        Cli.assertOneLineError(Cli.run("read", "--peers", "1=127.0.0.1:7001,two"), Metagroup.USAGE,
                "--peers: 'two' is not ID=HOST:PORT (e.g. 1=127.0.0.1:7001,2=127.0.0.1:7002)");
        Cli.assertOneLineError(Cli.run("read", "--peers", "x=127.0.0.1:7001"), Metagroup.USAGE,
                "--peers: node id 'x' is not an unsigned integer");
        Cli.assertOneLineError(Cli.run("read", "--peers", "1=127.0.0.1:99999"), Metagroup.USAGE,
                "--peers: the port of '127.0.0.1:99999' must be 1..65535");
        Cli.assertOneLineError(Cli.run("read", "--peers", "1=127.0.0.1:7001,1=127.0.0.1:7002"), Metagroup.USAGE,
                "--peers lists node 1 twice");
    }

    @Test
    void configFileWithoutPeersOrMissing() throws Exception {
        Path joining = dir.resolve("joining.properties");
        Files.writeString(joining, "node.id=4\nnode.listen=127.0.0.1:7004\nnode.data-dir=" + dir.resolve("n4") + "\n");
        Cli.assertOneLineError(Cli.run("status", "--config", joining.toString()), Metagroup.USAGE,
                joining + " has no cluster.peers (a joining node's config?): give --peers");
        Cli.assertOneLineError(Cli.run("status", "--config", dir.resolve("none.properties").toString()),
                Metagroup.USAGE, "cannot read config file " + dir.resolve("none.properties"));
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "cluster.peers=1=127.0.0.1\n");
        Cli.assertOneLineError(Cli.run("status", "--config", bad.toString()), Metagroup.USAGE,
                "cluster.peers in " + bad + ": an address is HOST:PORT");
    }

    @Test
    void badTimeoutsAndKey() {
        Cli.assertOneLineError(Cli.run("status", "--peers", "1=127.0.0.1:7001", "--timeout", "soon"), Metagroup.USAGE,
                "--timeout: a duration is a number with ms, s, m, h or d");
        Cli.assertOneLineError(Cli.run("status", "--peers", "1=127.0.0.1:7001", "--timeout", "0s"), Metagroup.USAGE,
                "--timeout must be positive");
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:7001", "--key", "nope", "surrogate", "alloc",
                "--hwm", "1"), Metagroup.USAGE, "--key: a key is PROPOSER/SEQUENCE as a proposal printed it");
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:7001", "--propose-timeout", "1x", "surrogate",
                "alloc", "--hwm", "1"), Metagroup.USAGE, "--propose-timeout: a duration is");
    }

    @Test
    void badFormsNameWhatIsWrongBeforeAnythingIsSent() {
        // no group runs at port 1: a bad form is refused before the client would find that out
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:1", "topology", "join", "--node", "4"),
                Metagroup.USAGE, "bad form 'topology join --node 4': Missing required option: '--addr=<addr>'"
                        + " (see: metagroup propose --help)");
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:1", "lease", "grant", "--descriptor",
                "1:table:t", "--version", "1", "--node", "2", "--expires-in", "3s"), Metagroup.USAGE,
                "unknown descriptor kind 'table'");
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:1", "topology"), Metagroup.USAGE,
                "is not a complete form");
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:1", "ddl", "--file",
                dir.resolve("missing.bin").toString()), Metagroup.USAGE, "no such file: " + dir.resolve("missing.bin"));
        Cli.assertOneLineError(Cli.run("propose", "--peers", "1=127.0.0.1:1"), Metagroup.USAGE,
                "Missing required parameter: 'FORM'");
    }

    @Test
    void badWatchBoundsAndUnknownCommands() {
        Cli.assertOneLineError(Cli.run("watch", "--peers", "1=127.0.0.1:1", "--from", "0"), Metagroup.USAGE,
                "--from must be at least 1, got 0");
        Cli.assertOneLineError(Cli.run("watch", "--peers", "1=127.0.0.1:1", "--from", "1", "--count", "0"),
                Metagroup.USAGE, "--count must be at least 1, got 0");
        Cli.assertOneLineError(Cli.run("watch", "--peers", "1=127.0.0.1:1"), Metagroup.USAGE,
                "Missing required option: '--from=INDEX'");
        Cli.assertOneLineError(Cli.run("stauts"), Metagroup.USAGE, "Unmatched argument at index 0: 'stauts'");
    }
}
