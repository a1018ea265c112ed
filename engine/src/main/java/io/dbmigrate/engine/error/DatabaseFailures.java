package io.dbmigrate.engine.error;

import io.dbmigrate.engine.sql.Identifiers;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reaching the database: its URL, the login, privileges, and errors the server reports outside any script. */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    public static MigrationException noUrl() {
        return new MigrationException(ErrorKind.CONNECTION,
                "Cannot connect to database: no database URL given. Set DATABASE_URL or pass --url "
                + "(jdbc:postgresql://host:port/db or postgresql://user@host:port/db).");
    }

    public static MigrationException badUrl(String source) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot connect to database: the URL in " + source + " is not a PostgreSQL URL. Use "
                + "jdbc:postgresql://host:port/db or postgresql://user@host:port/db.");
    }

    public static MigrationException urlWithoutDatabase(String source) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot connect to database: the URL in " + source + " names no database. Add one, "
                + "as in postgresql://host:5432/app.");
    }

    public static MigrationException cannotConnect(String target, String reason, String source) {
        return new MigrationException(ErrorKind.CONNECTION,
                "Cannot connect to database at " + target + ": " + reason + ". Check " + checkWhat(source) + ".");
    }

    public static MigrationException authenticationFailed(String user, String target, String credentialsId) {
        String where = credentialsId.isEmpty() ? "the password (PGPASSWORD or --password-env)"
                : "the credentials '" + credentialsId + "'";
        return new MigrationException(ErrorKind.AUTHENTICATION,
                "Authentication failed for user '" + user + "' at " + target + ". Check " + where + ".");
    }

    private static String checkWhat(String source) {
        return switch (source) {
            case "DATABASE_URL" -> "DATABASE_URL (or pass --url / url)";
            case "FLYWAY_URL" -> "FLYWAY_URL (or set DATABASE_URL, or pass --url / url)";
            default -> source + " (or DATABASE_URL)";
        };
    }

    public static MigrationException stepNoUrl() {
        return new MigrationException(ErrorKind.CONNECTION,
                "Cannot connect to database: no database URL given. Pass url, or credentialsId naming a secret text "
                + "that holds the URL, or set DATABASE_URL in the build environment.");
    }

    public static MigrationException stepPasswordInUrl() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Do not put the password in url: step arguments are shown on the build page. Pass credentialsId "
                + "(username with password, or secret text holding the URL), or set DATABASE_URL.");
    }

    public static MigrationException stepUrlTwice(String credentialsId) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Both url and the credentials '" + credentialsId + "' (a secret text holding a URL) name the "
                + "database: give only one of them.");
    }

    public static MigrationException stepCredentialsNotFound(String credentialsId) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "No credentials '" + credentialsId + "' are visible to this build. Use the id of a username with "
                + "password, or of a secret text holding the database URL.");
    }

    private static final Pattern DENIED_ON = Pattern.compile("permission denied for (schema|database|table|sequence"
            + "|view|materialized view|function|procedure|type|foreign table|tablespace|language) (.+)");

    private static final Pattern OWNER_OF = Pattern.compile("must be owner of (.+?) (\\S+)");

    /** A privilege is missing outside any script (creating the history table, a scratch database...). */
    public static MigrationException permissionDenied(String user, String detail) {
        return new MigrationException(ErrorKind.PERMISSION,
                "Permission denied for user '" + user + "': " + detail + ". " + grantHint(user, detail));
    }

    /**
     * What to grant, read from the server's English message; other wordings (lc_messages in another language) get
     * the general advice.
     */
    public static String grantHint(String user, String detail) {
        String role = Identifiers.quoteIfNeeded(user.isEmpty() ? "the_user" : user);
        String text = detail.trim();
        if (text.startsWith("permission denied to create database")) {
            return "Let the role create databases: ALTER ROLE " + role + " CREATEDB; (as a superuser).";
        }
        Matcher denied = DENIED_ON.matcher(text);
        if (denied.matches()) {
            String kind = denied.group(1);
            String name = Identifiers.quoteIfNeeded(denied.group(2));
            String privileges = switch (kind) {
                case "schema" -> "USAGE, CREATE";
                case "database" -> "CONNECT, CREATE";
                case "function", "procedure", "language" -> "EXECUTE";
                case "type" -> "USAGE";
                case "tablespace" -> "CREATE";
                case "sequence" -> "USAGE, SELECT, UPDATE";
                default -> "SELECT, INSERT, UPDATE, DELETE, REFERENCES";
            };
            String on = kind.equals("view") || kind.equals("materialized view") || kind.equals("foreign table")
                    ? "TABLE" : kind.equals("language") ? "LANGUAGE" : kind.toUpperCase(Locale.ROOT);
            return "Grant what the statement needs as the owner of " + kind + " " + name + ", for example: GRANT "
                    + privileges + " ON " + on + " " + name + " TO " + role + ";";
        }
        Matcher owner = OWNER_OF.matcher(text);
        if (owner.matches()) {
            return "Only the owner of " + owner.group(1) + " " + owner.group(2) + " (or a member of the owning role) may"
                    + " change it: run as that role, or grant it to " + role + " (GRANT owner_role TO " + role + ";).";
        }
        return "Grant " + role + " the missing privilege, or run as a role that has it.";
    }

    public static MigrationException sqlError(String sqlState, String detail) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                "Database error (SQL state " + sqlState + "): " + detail);
    }
}
