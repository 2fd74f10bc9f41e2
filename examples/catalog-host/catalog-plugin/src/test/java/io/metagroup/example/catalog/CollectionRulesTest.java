package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.collection;
import static io.metagroup.example.catalog.CatalogFixture.grant;
import static io.metagroup.example.catalog.CatalogFixture.reason;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.spi.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionRulesTest {
    private final CatalogFixture t = CatalogFixture.create();

    @Test
    void aCreatedCollectionHasItsFieldsInOrder() {
        assertThat(t.apply(collection("orders", "id", "customer", "total"))).isEqualTo(Outcome.applied());

        assertThat(t.catalog().collection("orders")).contains(List.of(
                new Field("id", "TEXT"), new Field("customer", "TEXT"), new Field("total", "TEXT")));
        assertThat(t.applier.appliedIndex()).isEqualTo(1);
    }

    @Test
    void aSecondCreateOfOneNameIsRejectedAndChangesNothing() {
        t.given(collection("orders", "id"));
        Catalog before = t.catalog();

        Outcome outcome = t.apply(collection("orders", "other"));

        assertThat(reason(outcome)).isEqualTo("CREATE COLLECTION orders (other TEXT) refused: collection 'orders' already exists");
        assertThat(t.catalog()).isSameAs(before);
        assertThat(t.applier.appliedIndex()).as("a rejected entry still counts as applied").isEqualTo(2);
    }

    @Test
    void dropRemovesTheCollectionAndEveryPrivilegeOnIt() {
        t.given(collection("orders", "id"), collection("customers", "id"), user("alice"),
                grant("alice", "orders", Privilege.READ), grant("alice", "customers", Privilege.READ));

        assertThat(t.apply(new CatalogCommand.DropCollection("orders"))).isEqualTo(Outcome.applied());

        assertThat(t.catalog().collections()).containsOnlyKeys("customers");
        assertThat(t.catalog().permissions()).containsExactly(new Permission("alice", "customers", Privilege.READ));
    }

    @Test
    void droppingAnUnknownCollectionIsRejected() {
        assertThat(reason(t.apply(new CatalogCommand.DropCollection("ghost"))))
                .isEqualTo("DROP COLLECTION ghost refused: no collection 'ghost'");
    }

    @Test
    void aDroppedNameCanBeCreatedAgainWithOtherFields() {
        t.given(collection("orders", "id"), new CatalogCommand.DropCollection("orders"), collection("orders", "sku"));

        assertThat(t.catalog().collection("orders")).contains(List.of(new Field("sku", "TEXT")));
    }
}
