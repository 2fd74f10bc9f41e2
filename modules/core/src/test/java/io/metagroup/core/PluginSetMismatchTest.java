package io.metagroup.core;

import static io.metagroup.core.Entries.ddl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node whose plugin set (ids and versions) differs from the snapshot's refuses it, naming both sets. */
class PluginSetMismatchTest {
    @TempDir
    Path dir;

    @Test
    void aDifferentVersionIsRefusedAndTheNodeIsLeftAsItWas() {
        Driver source = new Driver(Driver.create(dir.resolve("a"), NoopApplier.plugin("routing", 1), NoopApplier.plugin("audit", 1)));
        source.apply(ddl(1));
        MetadataCore target = Driver.create(dir.resolve("b"), NoopApplier.plugin("routing", 2), NoopApplier.plugin("audit", 1));
        Sha256 before = target.digest();

        assertThatThrownBy(() -> Driver.restore(target, Driver.snapshot(source.core), 1))
                .isInstanceOf(PluginSetMismatchException.class)
                .hasMessage("the snapshot at index 1 was written by plugin set [audit@1, routing@1], but this node runs"
                        + " [audit@1, routing@2]: every node of a group must run the same plugins at the same versions");
        assertThat(target.digest()).isEqualTo(before);
        assertThat(target.fault()).isEmpty();
        assertThat(target.appliedIndex()).isZero();
    }

    @Test
    void aMissingOrExtraPluginIsRefused() {
        Driver source = new Driver(Driver.create(dir.resolve("a"), NoopApplier.plugin("routing", 1)));
        source.apply(ddl(1));
        MetadataCore extra = Driver.create(dir.resolve("b"), NoopApplier.plugin("routing", 1), NoopApplier.plugin("audit", 1));
        MetadataCore none = Driver.create(dir.resolve("c"));

        assertThatThrownBy(() -> Driver.restore(extra, Driver.snapshot(source.core), 1))
                .isInstanceOf(PluginSetMismatchException.class).hasMessageContaining("[routing@1], but this node runs [audit@1, routing@1]");
        assertThatThrownBy(() -> Driver.restore(none, Driver.snapshot(source.core), 1))
                .isInstanceOf(PluginSetMismatchException.class).hasMessageContaining("[routing@1], but this node runs []");
    }

    @Test
    void thePluginSetIsPartOfTheDigest() {
        MetadataCore one = Driver.create(dir.resolve("a"), NoopApplier.plugin("routing", 1));
        MetadataCore two = Driver.create(dir.resolve("b"), NoopApplier.plugin("routing", 2));
        MetadataCore same = Driver.create(dir.resolve("c"), NoopApplier.plugin("routing", 1));

        assertThat(one.digest()).isNotEqualTo(two.digest()).isEqualTo(same.digest());
    }
}
