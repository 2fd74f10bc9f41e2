package io.metagroup.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * The base of in-memory appliers: the applied index only moves forward, a restore sets it with the state, and the
 * digest follows the snapshot encoding.
 */
class InMemoryApplierTest {

    /** Holds one byte of state. */
    static final class OneByte extends InMemoryApplier {
        int state;

        @Override
        public String id() {
            return "one-byte";
        }

        @Override
        public Transaction begin(ApplyContext context) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void writeSnapshot(OutputStream out) throws IOException {
            out.write(state);
        }

        @Override
        protected void restoreState(InputStream in) throws IOException {
            state = in.read();
        }
    }

    @Test
    void theAppliedIndexOnlyMovesForward() {
        OneByte a = new OneByte();
        a.finishRecord(3);
        assertThat(a.appliedIndex()).isEqualTo(3);
        assertThatThrownBy(() -> a.finishRecord(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one-byte").hasMessageContaining("record 3 is at or below the applied index 3");
        assertThatThrownBy(() -> a.finishRecord(2)).isInstanceOf(IllegalStateException.class);
        assertThat(a.appliedIndex()).isEqualTo(3);
    }

    @Test
    void aRestoreSetsStateAndIndexAndTheDigestFollowsTheState() throws IOException {
        OneByte a = new OneByte();
        a.state = 7;
        var out = new ByteArrayOutputStream();
        a.writeSnapshot(out);
        OneByte b = new OneByte();
        assertThat(b.digest()).isNotEqualTo(a.digest());
        b.restoreSnapshot(new ByteArrayInputStream(out.toByteArray()), 42);
        assertThat(b.state).isEqualTo(7);
        assertThat(b.appliedIndex()).isEqualTo(42);
        assertThat(b.digest()).isEqualTo(a.digest());
    }
}
