package io.metagroup.core;

import static io.metagroup.core.Entries.USERS;
import static io.metagroup.core.Entries.audited;
import static io.metagroup.core.Entries.grant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import io.metagroup.model.TopologyChange;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad snapshot gets an IOException naming what is wrong; a restore that failed half-way halts the node. */
class MalformedSnapshotTest {
    @TempDir
    Path dir;

    private Driver source;
    private byte[] good;
    private MetadataCore target;

    @BeforeEach
    void setUp() {
        source = new Driver(Driver.withTestPlugins(dir.resolve("source")));
        source.apply(new TopologyChange.Join(4, "10.0.0.4:9000"));
        source.apply(grant(USERS, 2, 4, 900));
        source.apply(audited("alice", "CREATE TABLE a (x INT)"));
        good = Driver.snapshot(source.core);
        target = Driver.withTestPlugins(dir.resolve("target"));
    }

    @Test
    void wrongPreambleIsNamed() {
        assertThatThrownBy(() -> Driver.restore(target, new byte[0], 3))
                .hasMessage("not a Metagroup core snapshot: shorter than its 6-byte preamble");
        assertThatThrownBy(() -> Driver.restore(target, "PK\3\4zip file".getBytes(), 3))
                .hasMessage("not a Metagroup core snapshot: it starts with 504b0304, not 4d47534e (\"MGSN\")");
        byte[] future = good.clone();
        future[5] = 9;
        assertThatThrownBy(() -> Driver.restore(target, future, 3))
                .hasMessage("snapshot format version 9 is not supported: this node reads version 1");
    }

    @Test
    void restoreAtAnotherIndexIsRefused() {
        assertThatThrownBy(() -> Driver.restore(target, good, 4))
                .isInstanceOf(IOException.class).hasMessage("the snapshot was written at index 3, not at index 4");
        assertThat(target.fault()).isEmpty();
    }

    @Test
    void corruptedByteFailsTheCrcOfItsFrame() {
        byte[] bad = good.clone();
        bad[bad.length - 20] ^= 0x40;

        assertThatThrownBy(() -> Driver.restore(target, bad, 3)).isInstanceOf(IOException.class)
                .hasMessageMatching("snapshot frame \\d+ \\(\\w+\\) fails its CRC32C check");
    }

    @Test
    void hugeFrameLengthIsRefusedWithoutAllocatingIt() {
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).putInt(7, Integer.MAX_VALUE);

        assertThatThrownBy(() -> Driver.restore(target, bad, 3))
                .hasMessage("snapshot frame 0 claims 2147483647 bytes, more than the limit of 65536");
    }

    @Test
    void everyTruncationAndEverySingleByteCorruptionIsAnIOException() throws IOException {
        Sha256 expected = source.core.digest();
        for (int length = 0; length < good.length; length++) {
            byte[] truncated = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> Driver.restore(target, truncated, 3)).as("truncated to %d bytes", length)
                    .isInstanceOf(IOException.class);
        }
        for (int position = 0; position < good.length; position++) {
            byte[] corrupted = good.clone();
            corrupted[position] ^= (byte) 0xA5;
            assertThatThrownBy(() -> Driver.restore(target, corrupted, 3)).as("byte %d corrupted", position)
                    .isInstanceOf(IOException.class);
        }
        Driver.restore(target, good, 3);
        assertThat(target.fault()).isEmpty();
        assertThat(target.digest()).isEqualTo(expected);
    }

    @Test
    void failureAfterTheAppliersStartedHaltsTheNodeUntilAGoodRestore() throws IOException {
        byte[] truncated = Arrays.copyOf(good, good.length - 10);

        assertThatThrownBy(() -> Driver.restore(target, truncated, 3)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("snapshot is truncated in frame");
        assertThat(target.fault()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("restoring the snapshot at index 3 failed, leaving the appliers partly restored: snapshot is truncated"));
        assertThat(target.applyRecord(1, Entries.record(1, Entries.proposal(1, 1, Entries.ddl(1)))))
                .singleElement().isInstanceOf(io.metagroup.spi.Outcome.LocalFault.class);

        Driver.restore(target, good, 3);
        assertThat(target.fault()).isEmpty();
        assertThat(target.digest()).isEqualTo(source.core.digest());
    }

    @Test
    void sectionsOutOfPlaceOrLeftUnreadAreNamed() throws IOException {
        MetadataCore otherOrder = Driver.create(dir.resolve("other"), new TopologyTestPlugin());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotFormat.Writer writer = new SnapshotFormat.Writer(out);
        writer.header(0, otherOrder.pluginSet());
        writer.section(MetadataCore.DEDUP_SECTION, section -> new DedupTable().write(new StateOutput(section)));
        writer.section(TopologyTestPlugin.ID, section -> { });
        writer.end();
        assertThatThrownBy(() -> Driver.restore(otherOrder, out.toByteArray(), 0))
                .hasMessage("snapshot holds section 'topology' where section 'core' is expected");

        MetadataCore lazy = Driver.create(dir.resolve("lazy"), new LazyReader());
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        SnapshotFormat.Writer padded = new SnapshotFormat.Writer(extra);
        padded.header(0, lazy.pluginSet());
        padded.section(MetadataCore.DEDUP_SECTION, section -> new DedupTable().write(new StateOutput(section)));
        padded.section(MetadataCache.ID, section -> new MetadataCache().writeSnapshot(section));
        padded.section("lazy", section -> section.write(new byte[] {0, 0, 0, 0, 1, 2, 3}));
        padded.end();
        assertThatThrownBy(() -> Driver.restore(lazy, extra.toByteArray(), 0))
                .hasMessage("snapshot section 'lazy' has 3 bytes its applier did not read");
    }

    /** A plugin whose applier reads only the first 4 bytes of its section. */
    private static final class LazyReader implements ApplierPlugin {
        @Override
        public String id() {
            return "lazy";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public MetadataApplier create(PluginContext context) {
            return new DelegatingApplier("lazy") {
                @Override
                public void restoreSnapshot(InputStream in, long index) throws IOException {
                    in.readNBytes(4);
                    super.restoreSnapshot(InputStream.nullInputStream(), index);
                }
            };
        }
    }
}
