package io.dbmigrate.engine.connection;

import io.dbmigrate.engine.error.DatabaseFailures;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.ScriptFailures;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns what JDBC and Flyway throw into a {@link MigrationException} with a kind and a message a
 * user can act on. SQL states decide the kind: class 08 is the connection, and so are 57P01 and 57P02 (the
 * server ended the session, as a stop or restart does), 28 authentication (and 08004 when no password was
 * given: the server asked for one), 3D000 an unknown database.
 */
public final class ErrorTranslator {
    private static final String SERVER_ENDED_SESSION = "the server ended the session during the run (it was stopped or"
            + " restarted, or the session was terminated)";
    /** SQL state 42501: a privilege is missing (or the role is not the object's owner). */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    private final ConnectionSettings connection;

    public ErrorTranslator(ConnectionSettings connection) {
        this.connection = connection;
    }

    public MigrationException translate(Throwable error) {
        if (error instanceof MigrationException m) {
            return m;
        }
        SQLException sql = findCause(error, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        // pgjdbc refuses to answer a password request with no password as 08004 (connection rejected)
        if (state.startsWith("28") || state.equals("08004") && connection.password().isEmpty()) {
            return DatabaseFailures.authenticationFailed(
                    connection.user(), connection.displayName(), connection.credentialsId());
        }
        if (state.equals("3D000")) {
            return cannotConnect("database " + databaseName() + " does not exist");
        }
        if (isConnectionLoss(state)) {
            return cannotConnect(SERVER_ENDED_SESSION);
        }
        if (state.startsWith("08") || findCause(error, ConnectException.class) != null) {
            return cannotConnect(networkReason(error));
        }
        if (state.equals(INSUFFICIENT_PRIVILEGE)) {
            return DatabaseFailures.permissionDenied(connection.user(),
                    serverMessage(sql));
        }
        if (sql == null && error instanceof FlywayException) {
            // no database error behind it: Flyway refused what it read (a script's name or config, a setting); its
            // first line may only introduce the list that names the files ("Invalid SQL filenames found:")
            return ScriptFailures.flywayRefused(allLines(error.getMessage()));
        }
        return DatabaseFailures.sqlError(state.isEmpty() ? "unknown" : state,
                firstLine(sql != null ? sql.getMessage() : error.getMessage()));
    }

    /** A failed Flyway migration: names the script, the SQL state and the line. */
    public MigrationException migrationFailed(FlywayMigrateException e, String revisionNow) {
        String script = e.getMigration() == null ? "(unknown script)" : e.getMigration().getScript();
        SQLException sql = findCause(e, SQLException.class);
        String detail = sql != null ? serverMessage(sql) : firstLine(e.getMessage());
        String state = e.getSqlState() != null ? e.getSqlState() : sql != null ? sql.getSQLState() : "unknown";
        return scriptFailed(state, ScriptFailures.migrationFailed(script, state, e.getLineNumber(), detail, revisionNow),
                detail);
    }

    /**
     * A script's failure: SQL_ERROR, unless a privilege was missing, which a grant fixes rather than an edit of the
     * script: then PERMISSION, and the message says what to grant.
     */
    public MigrationException scriptFailed(String sqlState, String message, String serverDetail) {
        return INSUFFICIENT_PRIVILEGE.equals(sqlState)
                ? new MigrationException(ErrorKind.PERMISSION, message + " " + DatabaseFailures.grantHint(connection.user(),
                        serverDetail))
                : new MigrationException(ErrorKind.SQL_ERROR, message);
    }

    /** True when Flyway failed inside a migration script, not around it. */
    public static boolean isScriptFailure(FlywayException e) {
        SQLException sql = findCause(e, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        return e instanceof FlywayMigrateException m && m.getMigration() != null && sql != null
                && !state.startsWith("08") && !isConnectionLoss(state);
    }

    /**
     * The server ended the session under a running statement: 57P01 (shut down, or pg_terminate_backend),
     * 57P02 (crash). Not the script's fault, and the session is gone.
     */
    private static boolean isConnectionLoss(String state) {
        return state.equals("57P01") || state.equals("57P02");
    }

    public MigrationException cannotConnect(String reason) {
        return DatabaseFailures.cannotConnect(connection.displayName(), reason, connection.source());
    }

    /** The server's own one-line message, without pgjdbc's "ERROR: " prefix and position suffix. */
    public static String serverMessage(SQLException sql) {
        String text = firstLine(sql.getMessage());
        if (text.startsWith("ERROR: ")) {
            text = text.substring("ERROR: ".length());
        }
        return text;
    }

    private String networkReason(Throwable error) {
        if (findCause(error, UnknownHostException.class) != null) {
            return "unknown host";
        }
        if (findCause(error, ConnectException.class) != null) {
            return "connection refused (is PostgreSQL running and listening there?)";
        }
        if (findCause(error, SocketTimeoutException.class) != null || findCause(error, NoRouteToHostException.class) != null) {
            return "the server did not answer in time";
        }
        return "the connection failed";
    }

    private String databaseName() {
        String name = connection.displayName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Every line of {@code text} on one: the first, then the others separated by "; ". */
    private static String allLines(String text) {
        if (text == null) {
            return "no details";
        }
        List<String> lines = text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? "no details" : lines.size() == 1 ? lines.get(0)
                : lines.get(0) + " " + String.join("; ", lines.subList(1, lines.size()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    public static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
