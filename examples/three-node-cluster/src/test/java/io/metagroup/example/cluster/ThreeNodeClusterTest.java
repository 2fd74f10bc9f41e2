package io.metagroup.example.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, as a test: the script runs to the end and the three digests agree. */
@Timeout(300)
class ThreeNodeClusterTest {
    @TempDir
    Path dir;

    @Test
    void scriptEndsWithThreeEqualDigests() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ThreeNodeCluster cluster = new ThreeNodeCluster(dir.resolve("run"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        boolean equal;
        try {
            equal = cluster.run();
        } finally {
            cluster.closeAllForTest();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(equal).as(out).isTrue();
        assertThat(out).containsPattern("during the drain \\(refused\\)\\s+index \\d+\\s+REJECTED");
        assertThat(out).containsPattern("refused at apply: it is 1 already\\)\\s+index \\d+\\s+REJECTED");
        assertThat(out).containsPattern("refused at the door: unsupported\\)\\s+REFUSED before the log");
        assertThat(out).containsPattern("Batch\\[join node 4, promote node 4]\\s+index \\d+\\s+applied");
        assertThat(out).contains("All three nodes hold the same state.");
    }
}
