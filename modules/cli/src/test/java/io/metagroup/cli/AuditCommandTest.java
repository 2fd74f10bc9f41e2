package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metagroup audit verify|tail} on the audit log a real node wrote for audited DDL proposed through the CLI:
 * an intact log verifies and tails; an edited byte, or records cut from the end against the replicated chain head,
 * is one line with exit 1; a missing directory or a bad flag is exit 2.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifiesAndTailsALogAndReportsTampering() throws Exception {
        Path data;
        try (InJvmGroup group = InJvmGroup.start(dir, 1)) {
            Path payload = Files.write(dir.resolve("ddl.bin"), new byte[] {7});
            for (int i = 1; i <= 3; i++) {
                Cli.assertOk(Cli.run(group.args("propose", "ddl", "--file", payload.toString(), "--user-id", "u" + i,
                        "--user-name", "user " + i, "--sql", "CREATE TABLE t" + i + " (a int)")));
            }
            data = group.dataDir(1);
        }
        Cli.Result ok = Cli.assertOk(Cli.run("audit", "verify", "--dir", data.toString()));
        assertThat(ok.out()).startsWith("ok: 3 records in 1 segments, chain head ");
        String head = ok.out().replaceFirst("(?s).*chain head ([0-9a-f]{64}).*", "$1");

        Cli.Result tail = Cli.assertOk(Cli.run("audit", "tail", "--dir", data.toString(), "-n", "2"));
        List<String> lines = tail.out().strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("seq 2 ").endsWith("user u2 (user 2): CREATE TABLE t2 (a int)");
        assertThat(lines.get(1)).startsWith("seq 3 ").endsWith("user u3 (user 3): CREATE TABLE t3 (a int)");

        Path log = data.resolve("core/plugins/audit");
        Cli.assertOk(Cli.run("audit", "verify", "--dir", log.toString(), "--expect-count", "3", "--expect-head", head));
        Cli.assertOneLineError(Cli.run("audit", "verify", "--dir", log.toString(), "--expect-count", "4",
                "--expect-head", head), Metagroup.FAILURE, "TRUNCATED");

        Path segment;
        try (Stream<Path> files = Files.list(log)) {
            segment = files.filter(p -> p.getFileName().toString().matches("audit-\\d+\\.log")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        // ISO-8859-1 maps every byte to one char, so a text search is a byte search
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("CREATE TABLE t2");
        assertThat(at).isPositive();
        bytes[at + 13] = 'X';
        Files.write(segment, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        Cli.Result edited = Cli.run("audit", "verify", "--dir", data.toString());
        Cli.assertOneLineError(edited, Metagroup.FAILURE, "audit log " + log + ": ");
        assertThat(edited.err()).containsPattern("(EDITED|DAMAGED)").contains("after 1 good records");
    }

    @Test
    void missingDirectoryAndBadFlags() {
        Path none = dir.resolve("none");
        Cli.assertOneLineError(Cli.run("audit", "verify", "--dir", none.toString()), Metagroup.USAGE,
                "no directory " + none + ": give a node's data dir or its audit log directory");
        Cli.assertOneLineError(Cli.run("audit", "tail", "--dir", dir.toString(), "-n", "-1"), Metagroup.USAGE,
                "-n must not be negative, got -1");
        Cli.assertOneLineError(Cli.run("audit", "verify", "--dir", dir.toString(), "--expect-count", "3"),
                Metagroup.USAGE, "Missing required argument(s): --expect-head=HEX");
        Cli.assertOneLineError(Cli.run("audit", "verify", "--dir", dir.toString(), "--expect-count", "3",
                "--expect-head", "zz"), Metagroup.USAGE, "--expect-head: ");
        Cli.Result bare = Cli.run("audit");
        assertThat(bare.code()).isEqualTo(Metagroup.USAGE);
        assertThat(bare.err()).contains("verify", "tail");
    }
}
