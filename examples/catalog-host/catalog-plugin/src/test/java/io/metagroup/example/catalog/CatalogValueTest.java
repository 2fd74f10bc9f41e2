package io.metagroup.example.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The read-only Catalog value: sorted, immutable, and every permission names what exists. */
class CatalogValueTest {

    private static Map<String, List<Field>> orders() {
        Map<String, List<Field>> collections = new HashMap<>();
        collections.put("orders", List.of(new Field("id", "INT")));
        return collections;
    }

    @Test
    void aPermissionMustNameAUserAndACollectionOfTheCatalog() {
        Permission p = new Permission("alice", "orders", Privilege.READ);

        assertThatThrownBy(() -> new Catalog(new TreeMap<>(orders()), new TreeSet<>(), new TreeSet<>(Set.of(p))))
                .hasMessage("permission READ ON orders TO alice names a user or collection the catalog lacks");
        assertThatThrownBy(() -> new Catalog(new TreeMap<>(), new TreeSet<>(Set.of("alice")), new TreeSet<>(Set.of(p))))
                .hasMessageContaining("names a user or collection the catalog lacks");
    }

    @Test
    void collectionsObeyTheRulesOfCreateCollection() {
        Map<String, List<Field>> bad = new TreeMap<>();
        bad.put("orders", List.of());

        assertThatThrownBy(() -> new Catalog(new TreeMap<>(bad), new TreeSet<>(), new TreeSet<>()))
                .hasMessage("collection 'orders' must have 1 to 256 fields, not 0");
    }

    @Test
    void itIsACopyThatCannotBeChanged() {
        TreeMap<String, List<Field>> collections = new TreeMap<>(orders());
        Catalog catalog = new Catalog(collections, new TreeSet<>(Set.of("alice")), new TreeSet<>());
        collections.clear();

        assertThat(catalog.collections()).containsOnlyKeys("orders");
        assertThatThrownBy(() -> catalog.users().add("bob")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.collections().get("orders").add(new Field("x", "INT")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void permissionsSortByUserCollectionThenPrivilege() {
        Map<String, List<Field>> collections = new TreeMap<>(orders());
        collections.put("accounts", List.of(new Field("id", "INT")));
        Catalog catalog = new Catalog(new TreeMap<>(collections), new TreeSet<>(Set.of("bob", "alice")), new TreeSet<>(Set.of(
                new Permission("bob", "accounts", Privilege.READ),
                new Permission("alice", "orders", Privilege.ADMIN),
                new Permission("alice", "orders", Privilege.READ),
                new Permission("alice", "accounts", Privilege.WRITE))));

        assertThat(catalog.permissions()).extracting(Permission::toString).containsExactly(
                "WRITE ON accounts TO alice", "READ ON orders TO alice", "ADMIN ON orders TO alice",
                "READ ON accounts TO bob");
    }

    @Test
    void itsCommandsRebuildIt() {
        Catalog catalog = new Catalog(new TreeMap<>(orders()), new TreeSet<>(Set.of("alice")),
                new TreeSet<>(Set.of(new Permission("alice", "orders", Privilege.WRITE))));

        assertThat(catalog.commands()).extracting(Object::toString).containsExactly(
                "CREATE COLLECTION orders (id INT)", "CREATE USER alice", "GRANT WRITE ON orders TO alice");
        CatalogFixture t = CatalogFixture.create().given(catalog.commands().toArray(CatalogCommand[]::new));
        assertThat(t.catalog()).isEqualTo(catalog);
    }
}
