package io.metagroup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.codec.EntryCodec;
import io.metagroup.model.MetadataEntry;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SamplesCoverEveryVariantTest {
    private final EntryCodec codec = new EntryCodec();

    @Test
    void everyTopLevelVariantHasASample() {
        Set<String> covered = new TreeSet<>();
        for (Samples.Family family : EnumSet.complementOf(EnumSet.of(Samples.Family.BATCH_100))) {
            MetadataEntry sample = Samples.of(family);
            for (Class<?> variant : MetadataEntry.class.getPermittedSubclasses()) {
                if (variant.isInstance(sample)) {
                    covered.add(variant.getSimpleName());
                }
            }
        }
        Set<String> variants = Arrays.stream(MetadataEntry.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        variants.remove("Batch"); // BATCH_100 stands for it
        assertThat(covered).isEqualTo(variants);
        assertThat(Samples.of(Samples.Family.BATCH_100)).isInstanceOf(MetadataEntry.Batch.class);
    }

    @Test
    void everySampleRoundTripsThroughTheCodec() throws Exception {
        for (Samples.Family family : Samples.Family.values()) {
            MetadataEntry sample = Samples.of(family);
            assertThat(codec.decodeEntry(codec.encodeEntry(sample))).as(family.name()).isEqualTo(sample);
        }
    }

    @Test
    void theBatchHoldsAHundredEntriesOfTheThreeShapes() {
        MetadataEntry.Batch batch = Samples.mixedBatch();
        assertThat(batch.entries()).hasSize(Samples.BATCH_SIZE);
        assertThat(batch.entries().stream().map(e -> e.getClass().getSimpleName()).distinct())
                .containsExactlyInAnyOrder("CatalogDdl", "DescriptorLeaseGrant", "MigrationCheckpoint");
    }
}
