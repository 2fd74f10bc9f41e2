package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.runtime.MetagroupNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a running group of three nodes in this JVM: propose in human-readable forms (applied,
 * rejected, retried with its key), status, members, read, watch, and peers from a node's config file.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClientCommandsTest {
    private static final Pattern APPLIED = Pattern.compile("applied at index (\\d+) \\(key (\\S+)\\)\\s*");

    @TempDir
    static Path dir;

    static InJvmGroup group;

    @BeforeAll
    static void startGroup() throws Exception {
        group = InJvmGroup.start(dir, 3);
    }

    @AfterAll
    static void stopGroup() {
        if (group != null) {
            group.close();
        }
    }

    private static Cli.Result cli(String command, String... more) {
        return Cli.run(group.args(command, more));
    }

    private static long ddlCount() {
        MetagroupNode node = group.nodes().get(0);
        return node.group().core().cache().catalogDdlCount();
    }

    @Test
    void proposeAppliesAFormAndPrintsItsIndexAndKey() {
        Cli.Result r = Cli.assertOk(cli("propose", "lease", "grant", "--descriptor", "1:collection:users", "--version",
                "3", "--node", "2", "--expires-in", "1h"));
        Matcher m = APPLIED.matcher(r.out());
        assertThat(m.matches()).as(r.out()).isTrue();
        long index = Long.parseLong(m.group(1));
        DescriptorId users = new DescriptorId(1, DescriptorKind.COLLECTION, "users");
        for (MetagroupNode node : group.nodes()) {
            node.group().awaitApplied(index).join();
            assertThat(node.group().core().cache().lease(users, 2)).hasValueSatisfying(l -> assertThat(l.version()).isEqualTo(3));
        }
    }

    @Test
    void aRejectedProposalPrintsTheReasonAndExitsThree() {
        Cli.assertOk(cli("propose", "drain", "start", "--descriptor", "1:index:by_name", "--up-to", "5",
                "--expires-in", "1h"));
        Cli.Result r = cli("propose", "lease", "grant", "--descriptor", "1:index:by_name", "--version", "3", "--node",
                "2", "--expires-in", "30s");
        Cli.assertOneLineError(r, Metagroup.REJECTED, "rejected at index ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aRetryWithTheSameKeyIsAppliedOnce() throws Exception {
        Path payload = Files.write(dir.resolve("create.bin"), new byte[] {1, 2, 3});
        long before = ddlCount();
        Cli.Result first = Cli.assertOk(cli("propose", "ddl", "--file", payload.toString()));
        Matcher m = APPLIED.matcher(first.out());
        assertThat(m.matches()).as(first.out()).isTrue();
        Cli.Result again = Cli.assertOk(cli("propose", "--key", m.group(2), "ddl", "--file", payload.toString()));
        Matcher m2 = APPLIED.matcher(again.out());
        assertThat(m2.matches()).as(again.out()).isTrue();
        assertThat(m2.group(2)).isEqualTo(m.group(2));
        long last = Long.parseLong(m2.group(1));
        group.nodes().get(0).group().awaitApplied(last).get(30, TimeUnit.SECONDS);
        assertThat(ddlCount()).isEqualTo(before + 1);
    }

    @Test
    void statusShowsEveryMemberAndTheLeader() {
        Cli.Result r = Cli.assertOk(cli("status"));
        assertThat(r.out()).startsWith("cluster '" + InJvmGroup.CLUSTER + "': 3 of 3 members answered, leader ");
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("NODE").contains("ROLE", "TERM", "COMMIT", "APPLIED");
        assertThat(lines.subList(2, 5)).filteredOn(l -> l.contains("LEADER ")).hasSize(1);
        assertThat(lines.subList(2, 5)).allMatch(l -> l.endsWith(" ok") || l.endsWith(" catching up"));
    }

    @Test
    void membersListsTheVoters() {
        Cli.Result r = Cli.assertOk(cli("members"));
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines.get(0)).startsWith("NODE").contains("ADDRESS", "KIND", "COMMIT");
        assertThat(lines.subList(1, lines.size())).hasSize(3).allMatch(l -> l.contains(" voter "));
    }

    @Test
    void readSummarizesTheReplicatedState() {
        Cli.assertOk(cli("propose", "surrogate", "alloc", "--hwm", "900000"));
        Cli.Result r = Cli.assertOk(cli("read"));
        assertThat(r.out()).contains("applied index", "digest", "cluster version   1", "surrogate hwm     ")
                // every plugin on the class path, dependencies before their dependents
                .containsPattern("plugins +audit@1, .*topology@1, routing@1, migration@1")
                .containsPattern("surrogate hwm +9\\d{5}");
    }

    @Test
    void watchPrintsAppliedEntriesFromAnIndex() {
        Cli.assertOk(cli("propose", "surrogate", "alloc", "--hwm", "5"));
        Cli.Result r = Cli.assertOk(cli("watch", "--from", "1", "--count", "3"));
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(3);
        long previous = 0;
        for (String line : lines) {
            long index = Long.parseLong(line.substring(0, line.indexOf(' ')));
            assertThat(index).isGreaterThanOrEqualTo(previous);
            previous = index;
            assertThat(line).matches("\\d+ \\d+\\.\\d+ [0-9a-f]+/\\d+ (applied|rejected\\(.*\\)) .+");
        }
    }

    @Test
    void peersAndClusterComeFromANodeConfigFile() throws Exception {
        Path file = dir.resolve("node1.properties");
        Files.writeString(file, "node.id=1\nnode.listen=127.0.0.1:1\nnode.data-dir=" + dir.resolve("unused") + "\n"
                + "cluster.name=" + InJvmGroup.CLUSTER + "\ncluster.peers=" + group.peersFlag() + "\n");
        Cli.Result r = Cli.assertOk(Cli.run("status", "--config", file.toString(), "--timeout", "30s"));
        assertThat(r.out()).contains("3 of 3 members answered");
    }
}
