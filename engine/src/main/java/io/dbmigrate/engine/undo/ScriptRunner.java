package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.ErrorTranslator;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs one SQL script statement by statement, split by the PostgreSQL driver's own parser (dollar
 * quotes, comments and string literals handled as the driver does), so a failure names the line of
 * the statement that failed, also for errors the server reports without a position.
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
        List<NativeQuery> statements;
        try {
            statements = Parser.parseJdbcSql(script, true, false, true, false, false);
        } catch (SQLException e) {
            throw new ScriptFailure(0, stateOf(e), ErrorTranslator.serverMessage(e), e);
        }
        int cursor = 0;
        try (Statement st = connection.createStatement()) {
            for (NativeQuery query : statements) {
                String sql = query.nativeSql;
                if (sql.isBlank()) {
                    continue;
                }
                int offset = script.indexOf(sql, cursor);
                if (offset >= 0) {
                    cursor = offset + sql.length();
                }
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new ScriptFailure(lineOf(script, offset, sql, e), stateOf(e),
                            ErrorTranslator.serverMessage(e), e);
                }
            }
        } catch (SQLException e) {
            throw new ScriptFailure(0, stateOf(e), ErrorTranslator.serverMessage(e), e);
        }
    }

    private static String stateOf(SQLException e) {
        return e.getSQLState() == null ? "unknown" : e.getSQLState();
    }

    /** The script line of the failing statement, refined by the server's error position when it gives one. */
    private static int lineOf(String script, int offset, String statement, SQLException e) {
        if (offset < 0) {
            return 0;
        }
        int at = offset + firstNonBlank(statement);
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server.getPosition() > 0 && server.getPosition() <= statement.length()) {
                at = offset + server.getPosition() - 1;
            }
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (script.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Where the statement's own text starts, past leading blanks and comments. */
    private static int firstNonBlank(String statement) {
        int i = 0;
        while (i < statement.length()) {
            if (Character.isWhitespace(statement.charAt(i))) {
                i++;
            } else if (statement.startsWith("--", i)) {
                int eol = statement.indexOf('\n', i);
                i = eol < 0 ? statement.length() : eol + 1;
            } else if (statement.startsWith("/*", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? statement.length() : end + 2;
            } else {
                return i;
            }
        }
        return 0;
    }
}
