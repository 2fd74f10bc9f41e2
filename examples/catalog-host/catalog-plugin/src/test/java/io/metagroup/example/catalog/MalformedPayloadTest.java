package io.metagroup.example.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Bytes;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Bytes that are not a payload get an IllegalArgumentException naming what is wrong, and nothing else. */
class MalformedPayloadTest {

    private static void refused(String hex, String message) {
        assertThatThrownBy(() -> CatalogCommand.decode(Bytes.fromHex(hex)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void emptyBytes() {
        refused("", "payload is empty");
    }

    @Test
    void anotherMagic() {
        refused("440201", "payload starts with 0x44, not the catalog magic 0xCA");
    }

    @Test
    void aNewerFormatVersion() {
        refused("ca0203000161", "payload has format version 2; this plugin reads version 1");
    }

    @Test
    void anUnknownTag() {
        refused("ca0107000161", "payload has unknown command tag 7");
    }

    @Test
    void everyTruncationOfEveryCommand() {
        for (CatalogCommand command : CatalogPayloadTest.everyCommand()) {
            byte[] whole = command.payload().toByteArray();
            for (int length = 1; length < whole.length; length++) {
                int cut = length;
                assertThatThrownBy(() -> CatalogCommand.decode(Bytes.of(whole, 0, cut)))
                        .as(command + " cut to " + cut + " bytes")
                        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("payload ");
            }
            assertThatThrownBy(() -> CatalogCommand.decode(Bytes.of(whole, 0, whole.length - 1)))
                    .hasMessage("payload is truncated");
        }
    }

    @Test
    void bytesAfterTheCommand() {
        refused("ca010300036269" + "6c" + "00ff", "payload has 2 bytes after its CreateUser");
    }

    @Test
    void aCollectionWithoutFields() {
        refused("ca0101000174" + "0000", "payload gives collection 't' 0 fields; 1 to 256 are allowed");
    }

    @Test
    void anInvalidNameInsideTheBytes() {
        refused("ca0103" + "0003424f42", "payload holds an invalid command: user name 'BOB' is not a lower-case letter");
    }

    @Test
    void anUnknownPrivilegeCode() {
        refused("ca0105" + "0003626f62" + "000174" + "09", "payload holds an invalid command: unknown privilege code 9");
    }

    @Test
    void aStringThatIsNotUtf8() {
        refused("ca0103" + "0002c0ff", "payload holds a string that is not valid UTF-8");
    }

    @Test
    void aStringInOverlongUtf8IsNotTheCanonicalForm() {
        refused("ca0103" + "0002c1a1", "payload is not in its canonical form");
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeItIsRead() {
        byte[] big = new byte[64 * 1024 + 1];
        Arrays.fill(big, (byte) 0xCA);

        assertThatThrownBy(() -> CatalogCommand.decode(Bytes.of(big)))
                .hasMessage("payload is 65537 bytes, more than the 65536 allowed");
    }

    @Property(tries = 500)
    void arbitraryBytesDecodeOrFailWithAMessage(@ForAll @Size(max = 40) byte[] tail) {
        byte[] bytes = new byte[tail.length + 2];
        bytes[0] = (byte) 0xCA;
        bytes[1] = 1;
        System.arraycopy(tail, 0, bytes, 2, tail.length);
        try {
            CatalogCommand command = CatalogCommand.decode(Bytes.of(bytes));
            assertThat(command.payload()).isEqualTo(Bytes.of(bytes));
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageStartingWith("payload ");
        }
    }
}
