package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes names into SQL as PostgreSQL's quote_ident would (quoted only when needed), and qualifies
 * them with their schema unless it is the default schema, the one Flyway puts first on the
 * search_path when it runs the script.
 */
public final class Names {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final String defaultSchema;
    private final Set<String> keywords;

    /** {@code keywords}: the words quote_ident quotes (every keyword not unreserved). */
    public Names(String defaultSchema, Set<String> keywords) {
        this.defaultSchema = defaultSchema;
        this.keywords = Set.copyOf(keywords);
    }

    /** The keywords of the server behind this connection that a name must be quoted for. */
    public static Set<String> keywords(Connection connection) throws SQLException {
        Set<String> words = new HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'")) {
            while (rs.next()) {
                words.add(rs.getString(1));
            }
        }
        return words;
    }

    public String quote(String name) {
        if (PLAIN.matcher(name).matches() && !keywords.contains(name)) {
            return name;
        }
        return Identifiers.quote(name);
    }

    /** schema.name, quoted; the schema left out when it is the default one. */
    public String qualified(String schema, String name) {
        return schema.equals(defaultSchema) ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** A key schema.name (as {@code CatalogModel} builds them) as SQL. */
    public String qualified(String key) {
        int dot = key.indexOf('.');
        return qualified(key.substring(0, dot), key.substring(dot + 1));
    }

    /** For messages and warnings: like {@link #qualified} but without quotes. */
    public String shown(String schema, String name) {
        return schema.equals(defaultSchema) ? name : schema + "." + name;
    }

    public String shown(String key) {
        int dot = key.indexOf('.');
        return shown(key.substring(0, dot), key.substring(dot + 1));
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
