package io.metagroup.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.model.MetadataEntry.CatalogDdl;
import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplierDriverTest {

    /** Keeps the entries it committed; refuses SurrogateAlloc(13). */
    static final class RecordingApplier implements MetadataApplier {
        final List<MetadataEntry> committed = new ArrayList<>();
        final List<ApplyContext> contexts = new ArrayList<>();
        long applied;

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public long appliedIndex() {
            return applied;
        }

        @Override
        public Transaction begin(ApplyContext context) {
            contexts.add(context);
            List<MetadataEntry> staged = new ArrayList<>();
            return new Transaction() {
                @Override
                public Outcome apply(MetadataEntry entry) {
                    if (entry instanceof SurrogateAlloc s && s.hwm() == 13) {
                        return Outcome.rejected("13 is refused");
                    }
                    staged.add(entry);
                    return Outcome.applied();
                }

                @Override
                public void commit() {
                    committed.addAll(staged);
                }

                @Override
                public void abort() {
                    staged.clear();
                }
            };
        }

        @Override
        public void finishRecord(long index) {
            applied = index;
        }

        @Override
        public void writeSnapshot(OutputStream out) {}

        @Override
        public void restoreSnapshot(InputStream in, long index) {}

        @Override
        public Sha256 digest() {
            return Sha256.of(new byte[32]);
        }

        @Override
        public void close() {}
    }

    private static CatalogDdl ddl(int b) {
        return new CatalogDdl(Bytes.of(new byte[] {(byte) b}));
    }

    @Test
    void nestedBatchesAreFlattenedIntoOneTransaction() {
        RecordingApplier applier = new RecordingApplier();

        Outcome outcome = new ApplierDriver(applier).apply(Batch.of(Batch.of(ddl(1), ddl(2)), ddl(3)));

        assertThat(outcome).isEqualTo(Outcome.applied());
        assertThat(applier.committed).containsExactly(ddl(1), ddl(2), ddl(3));
        assertThat(applier.appliedIndex()).isEqualTo(1);
    }

    @Test
    void aRejectedLeafAbortsItsProposalButTheRecordStillCounts() {
        RecordingApplier applier = new RecordingApplier();

        List<Outcome> outcomes = new ApplierDriver(applier).record(Batch.of(ddl(1), new SurrogateAlloc(13)), ddl(2));

        assertThat(outcomes).containsExactly(Outcome.rejected("13 is refused"), Outcome.applied());
        assertThat(applier.committed).containsExactly(ddl(2));
        assertThat(applier.contexts).extracting(ApplyContext::index).containsExactly(1L, 1L);
        assertThat(applier.appliedIndex()).isEqualTo(1);
    }

    @Test
    void eachRecordGoesToTheNextIndexWithADeterministicHlc() {
        RecordingApplier applier = new RecordingApplier();
        ApplierDriver driver = new ApplierDriver(applier);

        driver.apply(ddl(1));
        driver.record();
        driver.apply(ddl(2));

        assertThat(applier.contexts).extracting(ApplyContext::index).containsExactly(1L, 3L);
        assertThat(applier.contexts.get(1).leaderHlc().wallNanos()).isEqualTo(3000);
        assertThat(applier.appliedIndex()).isEqualTo(3);
    }
}
