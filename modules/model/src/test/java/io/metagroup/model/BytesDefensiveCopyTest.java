package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** Bytes never shares its array: changes to the source or to an exported copy do not show. */
class BytesDefensiveCopyTest {
    @Test
    void changesToTheSourceArrayDoNotShow() {
        byte[] source = {1, 2, 3};
        Bytes bytes = Bytes.of(source);
        source[0] = 9;
        assertThat(bytes.byteAt(0)).isEqualTo((byte) 1);
    }

    @Test
    void changesToAnExportedArrayDoNotShow() {
        Bytes bytes = Bytes.of(new byte[] {1, 2, 3});
        byte[] out = bytes.toByteArray();
        out[1] = 9;
        assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void aSliceIsCopiedAndBoundsAreChecked() {
        byte[] source = {1, 2, 3, 4};
        Bytes slice = Bytes.of(source, 1, 2);
        source[1] = 9;
        assertThat(slice.toByteArray()).containsExactly(2, 3);
        assertThatThrownBy(() -> Bytes.of(source, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.of(source, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theBufferViewIsReadOnly() {
        ByteBuffer view = Bytes.of(new byte[] {1}).asReadOnlyBuffer();
        assertThatThrownBy(() -> view.put(0, (byte) 2)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void equalityIsByContentAndOrderIsUnsigned() {
        assertThat(Bytes.fromHex("00ff")).isEqualTo(Bytes.of(new byte[] {0, (byte) 0xFF}))
                .hasSameHashCodeAs(Bytes.of(new byte[] {0, (byte) 0xFF}));
        assertThat(Bytes.fromHex("ff").compareTo(Bytes.fromHex("01"))).isPositive();
        assertThat(Bytes.fromHex("01").compareTo(Bytes.fromHex("0100"))).isNegative();
        assertThat(Bytes.of(new byte[0])).isSameAs(Bytes.empty());
        assertThat(Bytes.fromHex("0aFF").toHex()).isEqualTo("0aff");
    }
}
