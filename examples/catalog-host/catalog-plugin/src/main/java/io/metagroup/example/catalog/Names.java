package io.metagroup.example.catalog;

import java.util.regex.Pattern;

/** The syntax of the catalog's names and field types, checked wherever one is built. */
final class Names {
    /** Collection, field and user names: a lower-case letter, then up to 62 lower-case letters, digits or '_'. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Field types: an upper-case letter, then up to 30 upper-case letters, digits or '_' (TEXT, INT, DECIMAL). */
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,30}");

    private Names() {}

    /** {@code name}, checked; {@code what} names the field in the error. */
    static String name(String name, String what) {
        return checked(name, NAME, what, "a lower-case letter then up to 62 of [a-z0-9_]");
    }

    /** {@code type}, checked; {@code what} names the field in the error. */
    static String type(String type, String what) {
        return checked(type, TYPE, what, "an upper-case letter then up to 30 of [A-Z0-9_]");
    }

    private static String checked(String value, Pattern syntax, String what, String rule) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!syntax.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + printable(value) + "' is not " + rule);
        }
        return value;
    }

    /** At most 80 characters of {@code value}, control characters escaped, so an error message stays one line. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.length() > 80 ? out + "…" : out.toString();
    }
}
