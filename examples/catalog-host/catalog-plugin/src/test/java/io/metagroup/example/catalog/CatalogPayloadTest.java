package io.metagroup.example.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's payload format: every command round-trips, and the bytes are the documented ones. */
class CatalogPayloadTest {

    static List<CatalogCommand> everyCommand() {
        return List.of(
                CatalogCommand.CreateCollection.of("orders", new Field("id", "INT"), new Field("total", "DECIMAL")),
                new CatalogCommand.DropCollection("orders"),
                new CatalogCommand.CreateUser("alice"),
                new CatalogCommand.DropUser("alice"),
                new CatalogCommand.Grant("alice", "orders", Privilege.WRITE),
                new CatalogCommand.Revoke("alice", "orders", Privilege.ADMIN));
    }

    @Test
    void everyCommandDecodesToItself() {
        for (CatalogCommand command : everyCommand()) {
            assertThat(CatalogCommand.decode(command.payload())).as(command.toString()).isEqualTo(command);
        }
    }

    @Test
    void everyCommandHasItsOwnTagAfterTheMagicAndVersion() {
        assertThat(everyCommand()).extracting(c -> c.payload().toHex().substring(0, 6))
                .containsExactly("ca0101", "ca0102", "ca0103", "ca0104", "ca0105", "ca0106");
    }

    @Test
    void aCreateCollectionIsWrittenAsDocumented() {
        var command = CatalogCommand.CreateCollection.of("t", new Field("id", "INT"));

        // magic, version, tag 1, name "t", 1 field, "id", "INT"
        assertThat(command.payload().toHex()).isEqualTo("ca0101" + "000174" + "0001" + "00026964" + "0003494e54");
    }

    @Test
    void aGrantIsWrittenAsDocumented() {
        var command = new CatalogCommand.Grant("bob", "t", Privilege.READ);

        // magic, version, tag 5, user "bob", collection "t", privilege 1
        assertThat(command.payload().toHex()).isEqualTo("ca0105" + "0003626f62" + "000174" + "01");
        assertThat(CatalogCommand.decode(Bytes.fromHex("ca01050003626f6200017403")))
                .isEqualTo(new CatalogCommand.Grant("bob", "t", Privilege.ADMIN));
    }

    @Test
    void entryWrapsThePayloadInACatalogDdl() {
        var command = new CatalogCommand.CreateUser("alice");

        assertThat(command.entry()).isEqualTo(new MetadataEntry.CatalogDdl(command.payload()));
    }

    @Test
    void commandsPrintAsDdl() {
        assertThat(everyCommand()).extracting(Object::toString).containsExactly(
                "CREATE COLLECTION orders (id INT, total DECIMAL)",
                "DROP COLLECTION orders",
                "CREATE USER alice",
                "DROP USER alice",
                "GRANT WRITE ON orders TO alice",
                "REVOKE ADMIN ON orders FROM alice");
    }
}
