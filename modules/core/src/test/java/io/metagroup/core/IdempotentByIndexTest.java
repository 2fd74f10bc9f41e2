package io.metagroup.core;

import static io.metagroup.core.Entries.ddl;
import static io.metagroup.core.Entries.proposal;
import static io.metagroup.core.Entries.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.LogRecord;
import io.metagroup.model.MetadataEntry.ClusterVersionBump;
import io.metagroup.model.Sha256;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record at or below the applied index is ignored; indexes never skip. */
class IdempotentByIndexTest {
    @TempDir
    Path dir;

    @Test
    void recordAtOrBelowTheAppliedIndexIsIgnored() {
        MetadataCore core = Driver.withTestPlugins(dir);
        LogRecord first = record(10, proposal(1, 1, ddl(1)));
        LogRecord second = record(11, proposal(1, 2, ddl(2)));
        core.applyRecord(1, first);
        core.applyRecord(2, second);
        Sha256 digest = core.digest();

        List<Outcome> again = core.applyRecord(2, second);
        core.applyRecord(1, first);

        assertThat(again).containsExactly(Outcome.applied());
        assertThat(core.cache().catalogDdlCount()).isEqualTo(2);
        assertThat(core.appliedIndex()).isEqualTo(2);
        assertThat(core.digest()).isEqualTo(digest);
    }

    @Test
    void ignoredRecordReturnsTheRememberedOutcomes() {
        MetadataCore core = Driver.create(dir);
        LogRecord refused = record(10, proposal(1, 1, new ClusterVersionBump(5, 6)), proposal(1, 2, ddl(1)));
        List<Outcome> first = core.applyRecord(1, refused);

        assertThat(core.applyRecord(1, refused)).isEqualTo(first);
        assertThat(first.get(0)).isInstanceOf(Outcome.Rejected.class);
        // a key the table never saw, in a record below the applied index: not applied, reported Applied
        assertThat(core.applyRecord(1, record(10, proposal(2, 1, ddl(9))))).containsExactly(Outcome.applied());
        assertThat(core.cache().catalogDdlCount()).isEqualTo(1);
    }

    @Test
    void aGapInIndexesHaltsInsteadOfSkipping() {
        MetadataCore core = Driver.create(dir);
        core.applyRecord(1, record(10, proposal(1, 1, ddl(1))));

        List<Outcome> outcomes = core.applyRecord(3, record(11, proposal(1, 2, ddl(2))));

        assertThat(outcomes).singleElement().isInstanceOf(Outcome.LocalFault.class);
        assertThat(core.fault()).hasValueSatisfying(f -> assertThat(f)
                .isEqualTo("at index 3: the record at index 3 does not follow the applied index 1: apply never skips an index"));
        assertThat(core.appliedIndex()).isEqualTo(1);
        assertThat(core.applyRecord(2, record(11, proposal(1, 2, ddl(2))))).singleElement()
                .isInstanceOf(Outcome.LocalFault.class);
        assertThat(core.cache().catalogDdlCount()).isEqualTo(1);
    }

    @Test
    void skipIndexAdvancesEveryApplierOverEntriesWithoutARecord() {
        MetadataCore core = Driver.withTestPlugins(dir);
        core.applyRecord(1, record(10, proposal(1, 1, ddl(1))));

        core.skipIndex(2);
        core.skipIndex(2);
        core.skipIndex(3);

        assertThat(core.appliedIndex()).isEqualTo(3);
        assertThat(core.cache().appliedIndex()).isEqualTo(3);
        assertThat(core.applier(JournalTestPlugin.ID, JournalTestPlugin.Journal.class).durableIndex()).isEqualTo(3);
        assertThat(core.applyRecord(4, record(12, proposal(1, 2, ddl(2))))).containsExactly(Outcome.applied());
    }
}
