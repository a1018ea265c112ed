package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.undo.ScriptRunner;

import java.sql.Connection;
import java.util.regex.Pattern;

/**
 * A file of PostgreSQL DDL that describes the desired schema: hand-written, or the output of
 * {@code pg_dump --schema-only}. Applied statement by statement; what is not schema in the sense
 * autogenerate compares is skipped: psql meta-commands (pg_dump writes {@code \restrict}), ownership,
 * privileges and comments, which would otherwise fail on a server without the dump's roles.
 */
public final class SchemaFile {
    private static final Pattern META_COMMAND = Pattern.compile("(?m)^\\\\.*$");
    private static final Pattern NOT_COMPARED = Pattern.compile(
            "(?is)(ALTER\\s[^']*\\sOWNER\\s+TO\\s+[^\\s';]+|(GRANT|REVOKE)\\s.*|ALTER\\s+DEFAULT\\s+PRIVILEGES\\s.*"
                    + "|COMMENT\\s+ON\\s.*)\\s*;?\\s*");

    private SchemaFile() {
    }

    /** Runs the file's statements on the connection, in autocommit, as psql would. */
    public static void apply(Connection connection, String text) throws ScriptRunner.ScriptFailure {
        // blank the meta-command lines rather than removing them, so failures keep their line numbers
        String sql = META_COMMAND.matcher(text).replaceAll("");
        ScriptRunner.run(connection, sql, statement -> NOT_COMPARED.matcher(statement.text()).matches());
    }
}
