package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.connection.ErrorTranslator;
import io.dbmigrate.engine.error.ScriptFailures;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Predicate;

/**
 * Runs a SQL script statement by statement (see {@link SqlScript}), so a failure names the line of the statement that
 * failed, refined by the server's error position when it gives one. {@code COPY ... FROM STDIN} with inline data runs
 * through the driver's CopyManager, as psql and Flyway run it. Inside a transaction, it checks after each statement
 * that the transaction is still open: the server says so with every answer, so a script can never end it unseen.
 * Before and after each statement it checks that standard_conforming_strings is on, as {@link SqlScript} reads
 * strings: with it off, a backslash ends a string elsewhere, and a statement could hide inside what the lexer took for
 * a string. The server reports each change of it (ParameterStatus), and the driver keeps what it said.
 */
public final class ScriptRunner {

    /** A script that failed: where, and what the server said. */
    public static final class ScriptFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String sqlState;
        private final Breach breach;

        ScriptFailure(int line, String sqlState, String detail, Exception cause, Breach breach) {
            super(detail, cause);
            this.line = line;
            this.sqlState = sqlState;
            this.breach = breach;
        }

        public int line() {
            return line;
        }

        public String sqlState() {
            return sqlState;
        }

        /** The statement ended the caller's transaction: what ran before it may be committed. */
        public boolean endedTransaction() {
            return breach == Breach.ENDED_TRANSACTION;
        }

        /**
         * standard_conforming_strings was off: turned off by the statement at {@link #line()}, or already before the
         * script (line 0). Nothing after that ran.
         */
        public boolean stringsNotStandard() {
            return breach == Breach.STRINGS_NOT_STANDARD;
        }
    }

    /** What the runner itself stopped a script for; NONE when the server refused a statement. */
    private enum Breach { NONE, ENDED_TRANSACTION, STRINGS_NOT_STANDARD }

    /** SQL state for strings read with backslash escapes: PostgreSQL's nonstandard_use_of_escape_character. */
    private static final String NONSTANDARD_STRINGS = "22P06";

    private ScriptRunner() {
    }

    /** Parses and runs a script's text. */
    public static void run(Connection connection, String script) throws ScriptFailure {
        run(connection, script, statement -> false);
    }

    /** Parses and runs a script's text, except the statements {@code skip} accepts. */
    public static void run(Connection connection, String script, Predicate<SqlScript.Statement> skip)
            throws ScriptFailure {
        try {
            run(connection, SqlScript.parse("", script), skip);
        } catch (ScriptSyntaxException e) {
            throw new ScriptFailure(e.line(), "42601", e.getMessage(), e, Breach.NONE);
        }
    }

    public static void run(Connection connection, SqlScript script) throws ScriptFailure {
        run(connection, script, statement -> false);
    }

    private static void run(Connection connection, SqlScript script, Predicate<SqlScript.Statement> skip)
            throws ScriptFailure {
        try (Statement st = connection.createStatement()) {
            boolean inTransaction = !connection.getAutoCommit();
            if (!standardStrings(connection)) {
                throw new ScriptFailure(0, NONSTANDARD_STRINGS, ScriptFailures.standardStringsOffDetail(), null,
                        Breach.STRINGS_NOT_STANDARD);
            }
            for (SqlScript.Statement statement : script.statements()) {
                if (skip.test(statement)) {
                    continue;
                }
                try {
                    if (statement.copyData() != null) {
                        copyIn(connection, statement);
                    } else {
                        // with its terminator, as psql sends it: the server's "at or near" then matches psql's
                        st.execute(statement.sql() + ";");
                    }
                } catch (SQLException e) {
                    throw new ScriptFailure(lineOf(statement, e), stateOf(e), ErrorTranslator.serverMessage(e), e,
                            Breach.NONE);
                }
                if (inTransaction && transactionEnded(connection)) {
                    throw new ScriptFailure(statement.line(), "25000", "the statement ended the transaction", null,
                            Breach.ENDED_TRANSACTION);
                }
                if (!standardStrings(connection)) {
                    throw new ScriptFailure(statement.line(), NONSTANDARD_STRINGS,
                            ScriptFailures.standardStringsTurnedOffDetail(), null, Breach.STRINGS_NOT_STANDARD);
                }
            }
        } catch (SQLException e) {
            throw new ScriptFailure(0, stateOf(e), ErrorTranslator.serverMessage(e), e, Breach.NONE);
        }
    }

    private static void copyIn(Connection connection, SqlScript.Statement statement) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement.sql(),
                    new StringReader(statement.copyData()));
        } catch (IOException e) {
            throw new SQLException("cannot read the COPY data: " + e.getMessage(), "58030", e);
        }
    }

    private static boolean transactionEnded(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
    }

    /**
     * Whether the server reads strings as {@link SqlScript} does: standard_conforming_strings on. No round trip: the
     * driver keeps the value the server last reported.
     */
    public static boolean standardStrings(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getStandardConformingStrings();
    }

    private static String stateOf(SQLException e) {
        return e.getSQLState() == null ? "unknown" : e.getSQLState();
    }

    /** The statement's line, moved down to the server's error position when it names one. */
    private static int lineOf(SqlScript.Statement statement, SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            int position = psql.getServerErrorMessage().getPosition();
            String sql = statement.sql();
            int start = sql.length() - statement.text().length();
            if (position > 0 && position <= sql.length()) {
                int line = statement.line();
                for (int i = start; i < position - 1; i++) {
                    if (sql.charAt(i) == '\n') {
                        line++;
                    }
                }
                return line;
            }
        }
        return statement.line();
    }
}
