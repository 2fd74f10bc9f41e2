package io.metagroup.example.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The host's catalog at one applied index: an immutable value, safe to keep and read from any thread. Every
 * permission names a user and a collection of the catalog.
 *
 * @param collections the collections by name, each with its fields in order
 * @param users       the user names
 * @param permissions every privilege held, in {@link Permission} order
 */
public record Catalog(SortedMap<String, List<Field>> collections, SortedSet<String> users,
                      SortedSet<Permission> permissions) {
    private static final Catalog EMPTY = new Catalog(new TreeMap<>(), new TreeSet<>(), new TreeSet<>());

    public Catalog {
        TreeMap<String, List<Field>> byName = new TreeMap<>();
        Objects.requireNonNull(collections, "collections").forEach((name, fields) -> {
            // a collection obeys the rules of CREATE COLLECTION: a valid name, 1 to 256 distinct fields
            var checked = new CatalogCommand.CreateCollection(name, fields);
            byName.put(checked.name(), checked.fields());
        });
        collections = Collections.unmodifiableSortedMap(byName);
        users = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(users, "users")));
        users.forEach(u -> Names.name(u, "user name"));
        permissions = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(permissions, "permissions")));
        for (Permission p : permissions) {
            if (!users.contains(p.user()) || !collections.containsKey(p.collection())) {
                throw new IllegalArgumentException("permission " + p + " names a user or collection the catalog lacks");
            }
        }
    }

    /** The catalog with nothing in it. */
    public static Catalog empty() {
        return EMPTY;
    }

    /** The fields of collection {@code name}, or empty when there is none. */
    public Optional<List<Field>> collection(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    /** True when {@code user} holds {@code privilege} on {@code collection}. */
    public boolean allows(String user, String collection, Privilege privilege) {
        return permissions.contains(new Permission(user, collection, privilege));
    }

    /**
     * The commands that build this catalog from an empty one, in a canonical order: collections, then users, then
     * grants, each sorted. Equal catalogs give equal lists.
     */
    public List<CatalogCommand> commands() {
        List<CatalogCommand> commands = new ArrayList<>();
        for (Map.Entry<String, List<Field>> c : collections.entrySet()) {
            commands.add(new CatalogCommand.CreateCollection(c.getKey(), c.getValue()));
        }
        users.forEach(u -> commands.add(new CatalogCommand.CreateUser(u)));
        permissions.forEach(p -> commands.add(new CatalogCommand.Grant(p)));
        return List.copyOf(commands);
    }
}
