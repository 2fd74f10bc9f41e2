package io.metagroup.core;

import static io.metagroup.core.Entries.ddl;
import static io.metagroup.core.Entries.hlc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The no-op applier holds nothing but still advances its watermark. */
class NoopApplierTest {

    @Test
    void acceptsEverythingAndAdvancesItsWatermark() {
        NoopApplier noop = new NoopApplier("noop");
        var digest = noop.digest();

        Transaction transaction = noop.begin(new ApplyContext(7, hlc(1)));
        assertThat(transaction.apply(ddl(1))).isEqualTo(Outcome.applied());
        transaction.commit();
        noop.finishRecord(7);
        noop.finishRecord(9);

        assertThat(noop.appliedIndex()).isEqualTo(9);
        assertThat(noop.durableIndex()).isZero();
        assertThat(noop.digest()).isEqualTo(digest).isEqualTo(new NoopApplier("other").digest());
    }

    @Test
    void itsSnapshotSectionIsEmpty() throws IOException {
        NoopApplier noop = new NoopApplier("noop");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        noop.writeSnapshot(out);
        assertThat(out.toByteArray()).isEmpty();

        noop.restoreSnapshot(new ByteArrayInputStream(new byte[0]), 12);
        assertThat(noop.appliedIndex()).isEqualTo(12);
        assertThatThrownBy(() -> noop.restoreSnapshot(new ByteArrayInputStream(new byte[1]), 13))
                .hasMessage("snapshot section 'noop' of a no-op applier must be empty");
    }
}
