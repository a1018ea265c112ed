package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.connection.ErrorTranslator;
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
 */
public final class ScriptRunner {

    /** A script that failed: where, and what the server said. */
    public static final class ScriptFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String sqlState;
        private final boolean endedTransaction;

        ScriptFailure(int line, String sqlState, String detail, Exception cause, boolean endedTransaction) {
            super(detail, cause);
            this.line = line;
            this.sqlState = sqlState;
            this.endedTransaction = endedTransaction;
        }

        public int line() {
            return line;
        }

        public String sqlState() {
            return sqlState;
        }

        /** The statement ended the caller's transaction: what ran before it may be committed. */
        public boolean endedTransaction() {
            return endedTransaction;
        }
    }

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
            throw new ScriptFailure(e.line(), "42601", e.getMessage(), e, false);
        }
    }

    public static void run(Connection connection, SqlScript script) throws ScriptFailure {
        run(connection, script, statement -> false);
    }

    private static void run(Connection connection, SqlScript script, Predicate<SqlScript.Statement> skip)
            throws ScriptFailure {
        try (Statement st = connection.createStatement()) {
            boolean inTransaction = !connection.getAutoCommit();
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
                    throw new ScriptFailure(lineOf(statement, e), stateOf(e), ErrorTranslator.serverMessage(e), e, false);
                }
                if (inTransaction && transactionEnded(connection)) {
                    throw new ScriptFailure(statement.line(), "25000", "the statement ended the transaction", null, true);
                }
            }
        } catch (SQLException e) {
            throw new ScriptFailure(0, stateOf(e), ErrorTranslator.serverMessage(e), e, false);
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
