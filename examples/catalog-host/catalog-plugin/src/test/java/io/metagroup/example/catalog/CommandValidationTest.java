package io.metagroup.example.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An invalid command cannot be built, so it can never be encoded or proposed. */
class CommandValidationTest {

    @Test
    void namesFollowTheirSyntax() {
        assertThatThrownBy(() -> new CatalogCommand.CreateUser("Alice"))
                .hasMessage("user name 'Alice' is not a lower-case letter then up to 62 of [a-z0-9_]");
        assertThatThrownBy(() -> new CatalogCommand.DropCollection("1st"))
                .hasMessageContaining("collection name '1st' is not");
        assertThatThrownBy(() -> new CatalogCommand.CreateUser("a".repeat(64)))
                .hasMessageContaining("is not a lower-case letter then up to 62");
        assertThatThrownBy(() -> new CatalogCommand.CreateUser(null)).hasMessage("user name is missing");
    }

    @Test
    void aBadNameIsQuotedOnOneShortLine() {
        assertThatThrownBy(() -> new CatalogCommand.CreateUser("x\n" + "y".repeat(200)))
                .hasMessageStartingWith("user name 'x\\u000a" + "y".repeat(78) + "…' is not");
    }

    @Test
    void fieldTypesAreUpperCaseIdentifiers() {
        assertThatThrownBy(() -> new Field("id", "int"))
                .hasMessage("type of field 'id' 'int' is not an upper-case letter then up to 30 of [A-Z0-9_]");
    }

    @Test
    void aCollectionHasOneTo256DistinctFields() {
        assertThatThrownBy(() -> CatalogCommand.CreateCollection.of("t"))
                .hasMessage("collection 't' must have 1 to 256 fields, not 0");
        List<Field> many = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            many.add(new Field("f" + i, "INT"));
        }
        assertThatThrownBy(() -> new CatalogCommand.CreateCollection("t", many))
                .hasMessage("collection 't' must have 1 to 256 fields, not 257");
        assertThatThrownBy(() -> CatalogCommand.CreateCollection.of("t", new Field("a", "INT"), new Field("a", "TEXT")))
                .hasMessage("collection 't' names field 'a' twice");
    }

    @Test
    void aGrantNamesAPrivilege() {
        assertThatThrownBy(() -> new CatalogCommand.Grant("alice", "t", null)).hasMessage("privilege");
        assertThatThrownBy(() -> new CatalogCommand.Revoke(null)).hasMessage("permission");
    }
}
