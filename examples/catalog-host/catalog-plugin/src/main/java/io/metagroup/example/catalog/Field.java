package io.metagroup.example.catalog;

/**
 * One field of a collection.
 *
 * @param name the field's name: a lower-case letter, then up to 62 of {@code [a-z0-9_]}
 * @param type the field's type: an upper-case letter, then up to 30 of {@code [A-Z0-9_]} ({@code TEXT},
 *             {@code INT}, ...); the catalog does not interpret it
 */
public record Field(String name, String type) {
    public Field {
        Names.name(name, "field name");
        Names.type(type, "type of field '" + name + "'");
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
