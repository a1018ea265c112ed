package io.dbmigrate.engine.connection;

import io.dbmigrate.engine.error.DatabaseFailures;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL URL taken apart: {@code jdbc:postgresql://host:port/db?...} or the
 * {@code postgresql://user:pass@host:port/db?...} form many teams keep in DATABASE_URL.
 * The user and password are lifted out so that the JDBC URL we keep and show holds no secret.
 */
public record DatabaseUrl(String jdbcUrl, String user, Secret password) {

    // Both schemes: jdbc:postgresql://user:pass@host/db is not a form pgjdbc knows, but people write it.
    // The user info runs to the last '@' before the query, so an unencoded '@' or '/' in a password is
    // lifted out with it; no host part may hold an '@', so no password can reach the URL we keep and show.
    private static final Pattern URL = Pattern.compile(
            "^(?:jdbc:postgresql|postgres(?:ql)?)://(?:([^:/?#]*)(?::([^?#]*))?@)?([^/?#@]*)(/[^?#]*)?(?:\\?([^#]*))?$");
    /** The JDBC URLs we build and keep: never with user info. */
    private static final Pattern JDBC = Pattern.compile("^jdbc:postgresql://([^/?#@]*)(/[^?#]*)?(?:\\?([^#]*))?$");

    public static DatabaseUrl parse(String raw, String source) {
        Matcher url = URL.matcher(raw);
        if (url.matches()) {
            return build(url.group(3), url.group(4), url.group(5), decode(url.group(1)), decode(url.group(2)), source);
        }
        throw DatabaseFailures.badUrl(source);
    }

    private static DatabaseUrl build(String hosts, String path, String query, String user, String password,
                                     String source) {
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        String database = path == null ? "" : decode(path.substring(1));
        if (database.isEmpty()) {
            throw DatabaseFailures.urlWithoutDatabase(source);
        }
        List<String> kept = new ArrayList<>();
        if (query != null && !query.isEmpty()) {
            for (String param : query.split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : decode(param.substring(eq + 1));
                if (key.equals("password")) {
                    password = value;
                } else if (key.equals("user")) {
                    user = value;
                } else if (!param.isEmpty()) {
                    kept.add(param);
                }
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + database
                + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(jdbcUrl, user, Secret.of(password));
    }

    /** host:port/database of a JDBC URL we built: no user, no password, no parameters. */
    public static String displayName(String jdbcUrl) {
        Matcher m = JDBC.matcher(jdbcUrl);
        if (!m.matches()) {
            return "(unparsable URL)";
        }
        String hosts = m.group(1);
        String withPorts = hosts.contains(":") ? hosts : hosts + ":5432";
        return withPorts + (m.group(2) == null ? "" : m.group(2));
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        Matcher m = JDBC.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a JDBC URL we built");
        }
        return "jdbc:postgresql://" + m.group(1) + "/" + database + (m.group(3) == null ? "" : "?" + m.group(3));
    }

    private static String decode(String s) {
        return s == null ? "" : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
