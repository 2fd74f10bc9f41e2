package io.metagroup.example.catalog.internal;

import io.metagroup.example.catalog.Catalog;
import io.metagroup.example.catalog.CatalogCommand;
import io.metagroup.example.catalog.Field;
import io.metagroup.example.catalog.Permission;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The catalog's rules: the catalog after one command, or a {@link Refused} naming the rule that refuses it. A pure
 * function of (catalog, command); the catalog before is never changed.
 */
final class CatalogRules implements CatalogCommand.Visitor<Catalog> {
    private final Catalog before;
    private final CatalogCommand command;

    private CatalogRules(Catalog before, CatalogCommand command) {
        this.before = before;
        this.command = command;
    }

    /**
     * The catalog after {@code command}.
     *
     * @throws Refused when a rule refuses it
     */
    static Catalog after(Catalog before, CatalogCommand command) {
        return command.accept(new CatalogRules(before, command));
    }

    @Override
    public Catalog createCollection(CatalogCommand.CreateCollection c) {
        if (before.collections().containsKey(c.name())) {
            throw refused("collection '" + c.name() + "' already exists");
        }
        TreeMap<String, List<Field>> collections = new TreeMap<>(before.collections());
        collections.put(c.name(), c.fields());
        return new Catalog(collections, before.users(), before.permissions());
    }

    @Override
    public Catalog dropCollection(CatalogCommand.DropCollection c) {
        requireCollection(c.name());
        TreeMap<String, List<Field>> collections = new TreeMap<>(before.collections());
        collections.remove(c.name());
        TreeSet<Permission> permissions = new TreeSet<>(before.permissions());
        permissions.removeIf(p -> p.collection().equals(c.name()));
        return new Catalog(collections, before.users(), permissions);
    }

    @Override
    public Catalog createUser(CatalogCommand.CreateUser c) {
        if (before.users().contains(c.name())) {
            throw refused("user '" + c.name() + "' already exists");
        }
        TreeSet<String> users = new TreeSet<>(before.users());
        users.add(c.name());
        return new Catalog(before.collections(), users, before.permissions());
    }

    @Override
    public Catalog dropUser(CatalogCommand.DropUser c) {
        requireUser(c.name());
        TreeSet<String> users = new TreeSet<>(before.users());
        users.remove(c.name());
        TreeSet<Permission> permissions = new TreeSet<>(before.permissions());
        permissions.removeIf(p -> p.user().equals(c.name()));
        return new Catalog(before.collections(), users, permissions);
    }

    @Override
    public Catalog grant(CatalogCommand.Grant c) {
        TreeSet<Permission> permissions = permissionsToChange(c.permission());
        permissions.add(c.permission());
        return new Catalog(before.collections(), before.users(), permissions);
    }

    @Override
    public Catalog revoke(CatalogCommand.Revoke c) {
        TreeSet<Permission> permissions = permissionsToChange(c.permission());
        permissions.remove(c.permission());
        return new Catalog(before.collections(), before.users(), permissions);
    }

    /** A copy of the permissions, once the user and the collection of {@code p} are known to exist. */
    private TreeSet<Permission> permissionsToChange(Permission p) {
        requireUser(p.user());
        requireCollection(p.collection());
        return new TreeSet<>(before.permissions());
    }

    private void requireUser(String name) {
        if (!before.users().contains(name)) {
            throw refused("no user '" + name + "'");
        }
    }

    private void requireCollection(String name) {
        if (!before.collections().containsKey(name)) {
            throw refused("no collection '" + name + "'");
        }
    }

    private Refused refused(String rule) {
        return new Refused(command + " refused: " + rule);
    }

    /** A command a rule of the catalog refuses; the message names the command and the rule. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false); // an expected outcome: no stack trace to fill
        }
    }
}
