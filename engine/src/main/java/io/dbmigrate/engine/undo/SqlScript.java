package io.dbmigrate.engine.undo;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script split into statements by the PostgreSQL driver's own parser (dollar quotes, comments and
 * string literals handled as the driver does), each with the line its text starts on.
 */
public record SqlScript(String name, List<SqlScript.Statement> statements) {

    /** One statement as written, and where: {@code line} is 1-based, {@code offset} its index in the script. */
    public record Statement(String sql, int line, int offset) {
        /** The statement without the comments and blanks before it. */
        public String text() {
            return sql.substring(textStart(sql));
        }

        /** The line of a 1-based character position inside this statement (a server error position). */
        public int lineAt(String script, int position) {
            if (offset < 0 || position <= 0 || position > sql.length()) {
                return line;
            }
            return lineOf(script, offset + position - 1);
        }
    }

    public static SqlScript parse(String name, String script) throws SQLException {
        List<Statement> statements = new ArrayList<>();
        int cursor = 0;
        for (NativeQuery query : Parser.parseJdbcSql(script, true, false, true, false, false)) {
            String sql = query.nativeSql;
            if (sql.isBlank()) {
                continue;
            }
            int offset = script.indexOf(sql, cursor);
            if (offset >= 0) {
                cursor = offset + sql.length();
            }
            int line = offset < 0 ? 0 : lineOf(script, offset + textStart(sql));
            statements.add(new Statement(sql, line, offset));
        }
        return new SqlScript(name, List.copyOf(statements));
    }

    private static int lineOf(String script, int index) {
        int line = 1;
        for (int i = 0; i < index && i < script.length(); i++) {
            if (script.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Where the statement's own text starts, past leading blanks and comments. */
    static int textStart(String statement) {
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
