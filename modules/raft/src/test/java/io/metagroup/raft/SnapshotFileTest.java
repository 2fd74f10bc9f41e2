package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Hlc;
import io.metagroup.raft.internal.SnapshotFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file round-trips and refuses every kind of damage with an error naming it. */
class SnapshotFileTest {
    private static final SnapshotFile SAMPLE = new SnapshotFile(3, 42, new Hlc(1_700_000_000_000_000_000L, 7),
            "raft".getBytes(StandardCharsets.UTF_8), "core-section".getBytes(StandardCharsets.UTF_8));

    @Test
    void roundTrips(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("snapshot.3_42");
        SAMPLE.writeTo(p);
        SnapshotFile back = SnapshotFile.read(p);
        assertThat(back.term()).isEqualTo(3);
        assertThat(back.index()).isEqualTo(42);
        assertThat(back.hlc()).isEqualTo(SAMPLE.hlc());
        assertThat(back.raft()).isEqualTo(SAMPLE.raft());
        assertThat(back.core()).isEqualTo(SAMPLE.core());
    }

    @Test
    void refusesAFlippedBit(@TempDir Path dir) throws IOException {
        Path p = written(dir);
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x10;
        Files.write(p, b);
        assertThatThrownBy(() -> SnapshotFile.read(p)).isInstanceOf(SnapshotFile.CorruptSnapshotException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void refusesATruncatedFile(@TempDir Path dir) throws IOException {
        Path p = written(dir);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, 20));
        assertThatThrownBy(() -> SnapshotFile.read(p)).isInstanceOf(SnapshotFile.CorruptSnapshotException.class)
                .hasMessageContaining("shorter than an empty snapshot");
    }

    @Test
    void refusesAnotherFile(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("snapshot.1_1");
        Files.write(p, new byte[200]);
        assertThatThrownBy(() -> SnapshotFile.read(p)).isInstanceOf(SnapshotFile.CorruptSnapshotException.class)
                .hasMessageContaining("bad magic");
    }

    private static Path written(Path dir) throws IOException {
        Path p = dir.resolve("snapshot.3_42");
        SAMPLE.writeTo(p);
        return p;
    }
}
