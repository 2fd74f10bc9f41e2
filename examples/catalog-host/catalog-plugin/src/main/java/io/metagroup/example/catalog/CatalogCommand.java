package io.metagroup.example.catalog;

import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One change to the host's catalog: the host-defined payload that travels in a {@link MetadataEntry.CatalogDdl}
 * (or {@link MetadataEntry.CatalogDdlAudited}) entry. Metagroup never looks inside it; the {@code catalog} plugin
 * decodes it on every node. The bytes are documented in {@link CatalogPayload}.
 *
 * <p>Each variant validates its names when built, so an invalid command cannot be encoded. Handle variants
 * exhaustively with {@link #accept(Visitor)}.
 */
public sealed interface CatalogCommand {

    /** Exhaustive handling of every command. */
    interface Visitor<R> {
        R createCollection(CreateCollection c);

        R dropCollection(DropCollection c);

        R createUser(CreateUser c);

        R dropUser(DropUser c);

        R grant(Grant c);

        R revoke(Revoke c);
    }

    /** Calls the visitor method for this command. */
    <R> R accept(Visitor<R> visitor);

    /** This command in the host's payload format. */
    default Bytes payload() {
        return CatalogPayload.encode(this);
    }

    /** A {@code CatalogDdl} entry carrying this command, ready to propose. */
    default MetadataEntry.CatalogDdl entry() {
        return new MetadataEntry.CatalogDdl(payload());
    }

    /**
     * The command in {@code payload}.
     *
     * @throws IllegalArgumentException naming what is wrong with the bytes
     */
    static CatalogCommand decode(Bytes payload) {
        return CatalogPayload.decode(payload);
    }

    /**
     * Creates a collection; Rejected when one of that name exists.
     *
     * @param name   the collection's name
     * @param fields its fields in order: 1 to {@value CatalogPayload#MAX_FIELDS}, names distinct
     */
    record CreateCollection(String name, List<Field> fields) implements CatalogCommand {
        public CreateCollection {
            Names.name(name, "collection name");
            fields = List.copyOf(Objects.requireNonNull(fields, "fields of collection '" + name + "'"));
            if (fields.isEmpty() || fields.size() > CatalogPayload.MAX_FIELDS) {
                throw new IllegalArgumentException("collection '" + name + "' must have 1 to "
                        + CatalogPayload.MAX_FIELDS + " fields, not " + fields.size());
            }
            Set<String> seen = new HashSet<>();
            for (Field f : fields) {
                if (!seen.add(f.name())) {
                    throw new IllegalArgumentException("collection '" + name + "' names field '" + f.name() + "' twice");
                }
            }
        }

        /** A collection of {@code fields}. */
        public static CreateCollection of(String name, Field... fields) {
            return new CreateCollection(name, List.of(fields));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createCollection(this);
        }

        @Override
        public String toString() {
            return "CREATE COLLECTION " + name + " " + fields.toString().replace('[', '(').replace(']', ')');
        }
    }

    /**
     * Drops a collection and every privilege on it; Rejected when there is no such collection.
     *
     * @param name the collection's name
     */
    record DropCollection(String name) implements CatalogCommand {
        public DropCollection {
            Names.name(name, "collection name");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dropCollection(this);
        }

        @Override
        public String toString() {
            return "DROP COLLECTION " + name;
        }
    }

    /**
     * Creates a user; Rejected when one of that name exists.
     *
     * @param name the user's name
     */
    record CreateUser(String name) implements CatalogCommand {
        public CreateUser {
            Names.name(name, "user name");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createUser(this);
        }

        @Override
        public String toString() {
            return "CREATE USER " + name;
        }
    }

    /**
     * Drops a user and every privilege it holds; Rejected when there is no such user.
     *
     * @param name the user's name
     */
    record DropUser(String name) implements CatalogCommand {
        public DropUser {
            Names.name(name, "user name");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dropUser(this);
        }

        @Override
        public String toString() {
            return "DROP USER " + name;
        }
    }

    /**
     * Grants a privilege; Rejected when the user or the collection does not exist. Granting a privilege the user
     * holds changes nothing.
     *
     * @param permission who may do what with which collection
     */
    record Grant(Permission permission) implements CatalogCommand {
        public Grant {
            Objects.requireNonNull(permission, "permission");
        }

        /** Grants {@code privilege} on {@code collection} to {@code user}. */
        public Grant(String user, String collection, Privilege privilege) {
            this(new Permission(user, collection, privilege));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.grant(this);
        }

        @Override
        public String toString() {
            return "GRANT " + permission;
        }
    }

    /**
     * Revokes a privilege; Rejected when the user or the collection does not exist. Revoking a privilege the user
     * does not hold changes nothing.
     *
     * @param permission who may no longer do what with which collection
     */
    record Revoke(Permission permission) implements CatalogCommand {
        public Revoke {
            Objects.requireNonNull(permission, "permission");
        }

        /** Revokes {@code privilege} on {@code collection} from {@code user}. */
        public Revoke(String user, String collection, Privilege privilege) {
            this(new Permission(user, collection, privilege));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.revoke(this);
        }

        @Override
        public String toString() {
            return "REVOKE " + permission.privilege() + " ON " + permission.collection() + " FROM " + permission.user();
        }
    }
}
