package io.metagroup.example.catalog;

import java.util.Comparator;
import java.util.Objects;

/**
 * A privilege a user holds on a collection. Ordered by user, collection, then privilege code: the order of the
 * catalog's snapshot and digest.
 *
 * @param user       the user's name
 * @param collection the collection's name
 * @param privilege  what the user may do with it
 */
public record Permission(String user, String collection, Privilege privilege) implements Comparable<Permission> {
    private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::user)
            .thenComparing(Permission::collection)
            .thenComparingInt(p -> p.privilege().code());

    public Permission {
        Names.name(user, "user name");
        Names.name(collection, "collection name");
        Objects.requireNonNull(privilege, "privilege");
    }

    @Override
    public int compareTo(Permission other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return privilege + " ON " + collection + " TO " + user;
    }
}
