package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ErrorTranslator;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Predicate;

/**
 * Runs a SQL script statement by statement (see {@link SqlScript}), so a failure names the line of the
 * statement that failed, refined by the server's error position when it gives one.
 */
public final class ScriptRunner {

    /** A script that failed: where, and what the server said. */
    public static final class ScriptFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String sqlState;

        ScriptFailure(int line, String sqlState, String detail, SQLException cause) {
            super(detail, cause);
            this.line = line;
            this.sqlState = sqlState;
        }

        public int line() {
            return line;
        }

        public String sqlState() {
            return sqlState;
        }
    }

    private ScriptRunner() {
    }

    public static void run(Connection connection, String script) throws ScriptFailure {
        run(connection, script, statement -> false);
    }

    /** Runs every statement of the script except those {@code skip} accepts. */
    public static void run(Connection connection, String script, Predicate<SqlScript.Statement> skip)
            throws ScriptFailure {
        SqlScript parsed;
        try {
            parsed = SqlScript.parse("", script);
        } catch (SQLException e) {
            throw new ScriptFailure(0, stateOf(e), ErrorTranslator.serverMessage(e), e);
        }
        try (Statement st = connection.createStatement()) {
            for (SqlScript.Statement statement : parsed.statements()) {
                if (skip.test(statement)) {
                    continue;
                }
                try {
                    st.execute(statement.sql());
                } catch (SQLException e) {
                    throw new ScriptFailure(lineOf(script, statement, e), stateOf(e), ErrorTranslator.serverMessage(e), e);
                }
            }
        } catch (SQLException e) {
            throw new ScriptFailure(0, stateOf(e), ErrorTranslator.serverMessage(e), e);
        }
    }

    private static String stateOf(SQLException e) {
        return e.getSQLState() == null ? "unknown" : e.getSQLState();
    }

    private static int lineOf(String script, SqlScript.Statement statement, SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            return statement.lineAt(script, psql.getServerErrorMessage().getPosition());
        }
        return statement.line();
    }
}
