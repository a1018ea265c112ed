package io.dbmigrate.engine.plan;

import io.dbmigrate.engine.error.ScriptFailures;
import io.dbmigrate.engine.undo.ScriptSyntaxException;
import io.dbmigrate.engine.undo.SqlScript;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds statements that can lose data: DROP SCHEMA/TABLE/COLUMN, TRUNCATE, DELETE without WHERE,
 * ALTER COLUMN ... TYPE, SET NOT NULL. A pattern check on each statement's text (comments stripped),
 * meant to warn a reviewer, not to prove safety.
 */
public final class DestructiveStatements {
    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";
    private static final Pattern DROP_SCHEMA = Pattern.compile("^DROP\\s+SCHEMA\\s+(?:IF\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
            + NAME + "\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern DROP_COLUMN = Pattern.compile("DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern ALTER_TYPE = Pattern.compile("ALTER\\s+(?:COLUMN\\s+)?" + NAME
            + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\b");
    private static final Pattern SET_NOT_NULL = Pattern.compile("ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+SET\\s+NOT\\s+NULL");
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?" + NAME);
    private static final Pattern DELETE = Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?" + NAME + "(.*)$",
            Pattern.DOTALL);
    /** The statements the patterns below can match, by their first word. */
    private static final Set<String> KINDS = Set.of("DROP", "TRUNCATE", "DELETE", "ALTER");
    private static final Pattern CONSTRAINT_KEYWORDS = Pattern.compile("^(CONSTRAINT|DEFAULT|NOT|IDENTITY|EXPRESSION)$");

    private DestructiveStatements() {
    }

    /** The findings in a script's text; a script the lexer cannot split is refused as input. */
    public static List<Finding> find(String scriptName, String sql) {
        try {
            return find(SqlScript.parse(scriptName, sql));
        } catch (ScriptSyntaxException e) {
            throw ScriptFailures.cannotParse(scriptName, e.getMessage());
        }
    }

    public static List<Finding> find(SqlScript script) {
        List<Finding> findings = new ArrayList<>();
        for (SqlScript.Statement statement : script.statements()) {
            check(script.name(), statement, findings);
        }
        return findings;
    }

    private static void check(String scriptName, SqlScript.Statement statement, List<Finding> out) {
        if (!KINDS.contains(statement.firstWord())) {
            return;
        }
        String sql = statement.text().trim();
        String upper = sql.toUpperCase(Locale.ROOT);
        int line = statement.line();
        Matcher m;
        if ((m = DROP_SCHEMA.matcher(upper)).find()) {
            out.add(new Finding(FindingCode.DS101, scriptName, line, "Dropping schema " + original(sql, m, 1),
                    original(sql, m, 1)));
        } else if ((m = DROP_TABLE.matcher(upper)).find()) {
            out.add(new Finding(FindingCode.DS102, scriptName, line, "Dropping table " + original(sql, m, 1),
                    original(sql, m, 1)));
        } else if ((m = TRUNCATE.matcher(upper)).find()) {
            out.add(new Finding(FindingCode.DS104, scriptName, line, "Truncating table " + original(sql, m, 1),
                    original(sql, m, 1)));
        } else if ((m = DELETE.matcher(upper)).find()) {
            if (!m.group(2).contains("WHERE")) {
                out.add(new Finding(FindingCode.DS105, scriptName, line, "Deleting every row of " + original(sql, m, 1),
                        original(sql, m, 1)));
            }
        } else if ((m = ALTER_TABLE.matcher(upper)).find()) {
            String table = original(sql, m, 1);
            String actions = m.group(2);
            int actionsStart = m.start(2);
            Matcher a = DROP_COLUMN.matcher(actions);
            while (a.find()) {
                String column = sql.substring(actionsStart + a.start(1), actionsStart + a.end(1));
                if (!CONSTRAINT_KEYWORDS.matcher(column.toUpperCase(Locale.ROOT)).matches()) {
                    out.add(new Finding(FindingCode.DS103, scriptName, line, "Dropping column " + table + "." + column,
                            table));
                }
            }
            Matcher t = ALTER_TYPE.matcher(actions);
            while (t.find()) {
                out.add(new Finding(FindingCode.MF101, scriptName, line, "Changing the type of " + table + "."
                        + sql.substring(actionsStart + t.start(1), actionsStart + t.end(1)) + " (values may be cast or lost)", table));
            }
            Matcher n = SET_NOT_NULL.matcher(actions);
            while (n.find()) {
                out.add(new Finding(FindingCode.MF102, scriptName, line, "Setting NOT NULL on " + table + "."
                        + sql.substring(actionsStart + n.start(1), actionsStart + n.end(1)) + " (fails if rows hold NULL)", table));
            }
        }
    }

    /** The matched name as the user wrote it (the patterns run on an upper-cased copy of the same length). */
    private static String original(String sql, Matcher m, int group) {
        return sql.substring(m.start(group), m.end(group));
    }
}
