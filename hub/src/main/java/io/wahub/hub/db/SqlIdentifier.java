package io.wahub.hub.db;

/** PostgreSQL identifiers written into SQL text (names of schemas and tables the hub did not choose). */
public final class SqlIdentifier {

    private SqlIdentifier() {
    }

    /** {@code identifier} as a quoted identifier: in double quotes, with its own double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
