package io.metagroup.plugin.jointoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A remote client decodes the plugin's snapshot section into the same token table the applier holds. */
class StateReadByAClientTest {

    @Test
    void theSnapshotSectionDecodesToTheApplierTable() throws IOException {
        TokenFixture t = TokenFixture.create();
        t.issued();
        t.inFlight("10.0.0.1:7000");
        byte[] section = ApplierDriver.snapshot(t.applier);

        assertThat(JoinTokens.readState(section)).isEqualTo(t.states.tokens()).hasSize(2);
    }

    @Test
    void aTruncatedSectionIsAClearError() {
        TokenFixture t = TokenFixture.create();
        t.issued();
        byte[] section = ApplierDriver.snapshot(t.applier);

        assertThatThrownBy(() -> JoinTokens.readState(Arrays.copyOf(section, section.length - 3)))
                .isInstanceOf(IOException.class);
    }
}
