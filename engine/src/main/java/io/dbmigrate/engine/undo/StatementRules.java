package io.dbmigrate.engine.undo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a statement's tokens can prove about it, before anything runs: that it controls the transaction (never allowed
 * in an undo script), that it cannot run inside a transaction, or that it cannot destroy data. Anything not proven
 * harmless is probed against the catalog instead (see {@link CatalogSnapshot}), so this list stays short and closed.
 */
public final class StatementRules {
    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT",
            "SAVEPOINT", "RELEASE");
    private static final String NAME = "[^ ,();.]+(?: \\. [^ ,();.]+)*";
    private static final Set<String> HARMLESS_FIRST = Set.of("COMMENT", "GRANT", "REVOKE", "SET", "RESET", "CREATE",
            "DROP", "ALTER");

    /**
     * Statements PostgreSQL refuses inside a transaction block, each with the words that name it in messages: Flyway's
     * PostgreSQLParser list, plus REINDEX/DETACH ... CONCURRENTLY, CLUSTER of every table and ALTER SUBSCRIPTION's REFRESH.
     */
    private static final List<Rule> OUTSIDE_TRANSACTION = List.of(
            new Rule("CREATE INDEX CONCURRENTLY", "^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b"),
            new Rule("DROP INDEX CONCURRENTLY", "^DROP INDEX CONCURRENTLY\\b"),
            new Rule("REINDEX CONCURRENTLY", "^REINDEX\\b.*\\bCONCURRENTLY\\b"),
            new Rule("REINDEX SCHEMA/DATABASE/SYSTEM", "^REINDEX( VERBOSE)? (\\( .*\\) )?(SCHEMA|DATABASE|SYSTEM)\\b"),
            new Rule("VACUUM", "^VACUUM\\b"),
            new Rule("CLUSTER without a table", "^CLUSTER( VERBOSE)?$"),
            new Rule("ALTER SYSTEM", "^ALTER SYSTEM\\b"),
            new Rule("CREATE DATABASE", "^CREATE DATABASE\\b"),
            new Rule("DROP DATABASE", "^DROP DATABASE\\b"),
            new Rule("ALTER DATABASE ... SET TABLESPACE", "^ALTER DATABASE " + NAME + " SET TABLESPACE\\b"),
            new Rule("CREATE TABLESPACE", "^CREATE TABLESPACE\\b"),
            new Rule("DROP TABLESPACE", "^DROP TABLESPACE\\b"),
            new Rule("CREATE SUBSCRIPTION", "^CREATE SUBSCRIPTION\\b"),
            new Rule("DROP SUBSCRIPTION", "^DROP SUBSCRIPTION\\b"),
            new Rule("ALTER SUBSCRIPTION ... REFRESH", "^ALTER SUBSCRIPTION\\b.*\\bREFRESH\\b"),
            new Rule("DISCARD ALL", "^DISCARD ALL\\b"),
            new Rule("DETACH PARTITION ... CONCURRENTLY", "^ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b"));

    /** An index key that is a plain column, maybe ordered: no expression, so no function runs on the table's rows. */
    private static final String INDEX_COLUMN = NAME + "( ASC| DESC)?( NULLS (FIRST|LAST))?";

    /** The closed list of statements that cannot destroy data (and run no user code on existing rows). */
    private static final List<Pattern> HARMLESS = List.of(
            Pattern.compile("^COMMENT ON\\b"),
            Pattern.compile("^(GRANT|REVOKE)\\b"),
            Pattern.compile("^(SET|RESET)\\b(?! CONSTRAINTS\\b)"),
            // an index on expressions or with a predicate runs their functions on every row: it is probed
            Pattern.compile("^CREATE (UNIQUE )?INDEX (IF NOT EXISTS )?(?!CONCURRENTLY\\b)(" + NAME + " )?ON (ONLY )?"
                    + NAME + " (USING [^ ]+ )?\\( " + INDEX_COLUMN + "( , " + INDEX_COLUMN + ")* \\)( INCLUDE \\( "
                    + NAME + "( , " + NAME + ")* \\))?$"),
            Pattern.compile("^CREATE (OR REPLACE )?(VIEW|TYPE|DOMAIN|SCHEMA|SEQUENCE|FUNCTION|PROCEDURE|TRIGGER)\\b"),
            Pattern.compile("^CREATE (UNLOGGED )?TABLE (?!.*\\b(SELECT|VALUES|EXECUTE|TABLE)\\b)"),
            Pattern.compile("^DROP (INDEX (?!CONCURRENTLY\\b)|TRIGGER |FUNCTION |PROCEDURE )"),
            Pattern.compile("^ALTER TABLE (IF EXISTS )?(ONLY )?" + NAME + " (DROP CONSTRAINT (IF EXISTS )?" + NAME
                    + "|RENAME .*|ALTER (COLUMN )?" + NAME + " DROP (DEFAULT|NOT NULL))$"));

    /** A rule and the first word of its regex: a statement is matched only against the rules of its first word. */
    private record Rule(String label, Pattern pattern, String firstWord) {
        Rule(String label, String regex) {
            this(label, Pattern.compile(regex), regex.substring(1).split("[^A-Z]", 2)[0]);
        }
    }

    private StatementRules() {
    }

    /** The statement's tokens as one line: words upper-cased, quoted names as "q", literals as 's', others as written. */
    static String shape(SqlScript.Statement statement) {
        StringBuilder shape = new StringBuilder();
        for (SqlScript.Token token : statement.tokens()) {
            if (!shape.isEmpty()) {
                shape.append(' ');
            }
            shape.append(switch (token.type()) {
                case WORD -> token.text().toUpperCase(Locale.ROOT);
                case QUOTED_IDENTIFIER -> "\"q\"";
                case STRING, DOLLAR_STRING -> "'s'";
                case NUMBER, PARAMETER, OPERATOR -> token.text();
            });
        }
        return shape.toString();
    }

    /** The transaction control the statement performs (e.g. {@code COMMIT}), also inside a DO block's body. */
    static Optional<String> transactionControl(SqlScript.Statement statement) {
        String first = statement.firstWord();
        if (TRANSACTION_CONTROL.contains(first)) {
            return Optional.of(first);
        }
        if ((first.equals("START") || first.equals("PREPARE")) && statement.tokens().size() > 1
                && statement.tokens().get(1).text().equalsIgnoreCase("TRANSACTION")) {
            return Optional.of(first + " TRANSACTION");
        }
        if (first.equals("DO")) {
            for (SqlScript.Token token : statement.tokens()) {
                if (token.type() == SqlScript.Type.DOLLAR_STRING || token.type() == SqlScript.Type.STRING) {
                    Optional<String> inBody = inBody(token.text());
                    if (inBody.isPresent()) {
                        return Optional.of(inBody.get() + " inside a DO block");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** COMMIT or ROLLBACK as a word of PL/pgSQL code (not inside its strings or comments). */
    private static Optional<String> inBody(String body) {
        try {
            for (SqlScript.Statement inner : SqlScript.parse("", body).statements()) {
                for (String word : inner.words()) {
                    if (word.equals("COMMIT") || word.equals("ROLLBACK")) {
                        return Optional.of(word);
                    }
                }
            }
        } catch (ScriptSyntaxException e) {
            // not code we can read: the server will say so when it runs
        }
        return Optional.empty();
    }

    /** What names the statement when PostgreSQL refuses to run it inside a transaction block. */
    public static Optional<String> outsideTransaction(SqlScript.Statement statement) {
        // a loop, and the shape built only for a statement some rule may match: every statement of every undo script
        // of a downgrade comes here, in a JVM that has just started
        String shape = null;
        for (Rule rule : OUTSIDE_TRANSACTION) {
            if (rule.firstWord().equals(statement.firstWord())) {
                shape = shape == null ? shape(statement) : shape;
                if (rule.pattern().matcher(shape).find()) {
                    return Optional.of(rule.label());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the statement is on the closed list of those that cannot destroy data. */
    static boolean harmless(SqlScript.Statement statement) {
        if (!HARMLESS_FIRST.contains(statement.firstWord())) {
            return false;
        }
        String shape = shape(statement);
        return !(" " + shape + " ").contains(" CASCADE ") && HARMLESS.stream().anyMatch(p -> p.matcher(shape).find());
    }
}
