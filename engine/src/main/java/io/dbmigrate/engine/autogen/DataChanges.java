package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogIdentity;
import io.dbmigrate.engine.schema.CatalogIdentity.Column;
import io.dbmigrate.engine.schema.CatalogIdentity.Relation;
import io.dbmigrate.engine.undo.SqlScript;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a migration's undo cannot be certain: what it does to data that exists before it, on any database, not only on
 * the (mostly empty) scratch copy. From the catalog, by identity: a table, column or sequence it drops, a column type
 * it changes in a way that can lose values. From its statements: rows it inserts, updates, deletes or copies into a
 * table that existed before it (an update that only sets columns the migration adds is fine: dropping them undoes it),
 * and statements that may change data in ways no catalog shows (DO blocks, SELECT and CALL of functions). Writes to
 * tables the migration creates need no undo: dropping the table undoes them.
 */
public final class DataChanges {
    private DataChanges() {
    }

    /** Finds the relation a name (as written in the script) stands for, after the migration; empty when none. */
    public interface Resolver {
        Optional<Long> oidOf(String name) throws SQLException;
    }

    private static final Set<String> CATALOG_ONLY = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
            "SET", "RESET", "REFRESH", "ANALYZE", "VACUUM", "REINDEX", "CLUSTER", "LOCK", "SECURITY", "DISCARD");
    private static final Pattern TYPE_WITH_USING = Pattern.compile("\\bTYPE\\b.*\\bUSING\\b");

    /**
     * What stands in the way of a certain undo ({@code reasons}), and the statements that undo the rows the migration
     * inserted into tables that exist before it ({@code undo}, to run first, newest first).
     */
    public record Analysis(List<String> reasons, List<String> undo) {
        public Analysis {
            reasons = List.copyOf(reasons);
            undo = List.copyOf(undo);
        }
    }

    public static Analysis analyze(SqlScript script, CatalogIdentity before, CatalogIdentity after,
                                   Resolver resolver, SeedRows seeds) throws SQLException {
        List<String> reasons = new ArrayList<>();
        List<String> undo = new ArrayList<>();
        for (Relation was : before.relations().values()) {
            if (!after.relations().containsKey(was.oid()) && (was.holdsRows() || was.kind().equals("S"))) {
                reasons.add("drops " + (was.kind().equals("S") ? "sequence " : "table ") + was.key()
                        + ", whose " + (was.kind().equals("S") ? "value" : "rows") + " cannot come back");
            }
        }
        for (Column was : before.columns().values()) {
            Relation table = before.relations().get(was.table());
            Column now = after.columns().get(was.id());
            if (table == null || !table.holdsRows() || !after.relations().containsKey(was.table())) {
                continue;
            }
            if (now == null) {
                reasons.add("drops column " + table.key() + "." + was.name() + ", whose values cannot come back");
            } else if (!now.type().equals(was.type()) && !Widening.keepsEveryValue(was.type(), now.type())) {
                reasons.add("changes column " + table.key() + "." + was.name() + " from " + was.type() + " to "
                        + now.type() + ", which can change values");
            }
        }
        for (SqlScript.Statement statement : script.statements()) {
            statementReason(statement, before, after, resolver, seeds, undo).ifPresent(reasons::add);
        }
        Collections.reverse(undo);
        return new Analysis(reasons, undo);
    }

    private static Optional<String> statementReason(SqlScript.Statement statement, CatalogIdentity before,
                                                    CatalogIdentity after, Resolver resolver, SeedRows seeds,
                                                    List<String> undo) throws SQLException {
        String first = statement.firstWord();
        String at = " (line " + statement.line() + ")";
        if (CATALOG_ONLY.contains(first)) {
            if (first.equals("ALTER") && TYPE_WITH_USING.matcher(String.join(" ", statement.words())).find()) {
                return Optional.of("changes a column's type with USING" + at + ", which can change values");
            }
            return Optional.empty();
        }
        if (first.equals("DO") && catalogOnlyBlock(statement)) {
            return Optional.empty();
        }
        List<SqlScript.Token> tokens = statement.tokens();
        int nameAt;
        switch (first) {
            case "INSERT", "MERGE" -> nameAt = skip(tokens, 1, "INTO");
            case "DELETE" -> nameAt = skip(tokens, 1, "FROM");
            case "UPDATE", "COPY" -> nameAt = 1;
            case "TRUNCATE" -> nameAt = skip(tokens, 1, "TABLE");
            default -> {
                return Optional.of("runs " + (first.isEmpty() ? "a statement" : first) + at
                        + ", which may change data no catalog shows");
            }
        }
        nameAt = skip(tokens, nameAt, "ONLY");
        StringBuilder name = new StringBuilder();
        int end = readName(tokens, nameAt, name);
        Optional<Long> oid = name.isEmpty() ? Optional.empty() : resolver.oidOf(name.toString());
        String verb = first.toLowerCase(Locale.ROOT);
        if (oid.isEmpty()) {
            return Optional.of(verb + " of " + (name.isEmpty() ? "a table" : name) + at
                    + ": cannot tell which table it changes");
        }
        Relation table = before.relations().get(oid.get());
        Relation now = after.relations().get(oid.get());
        if (table == null) {
            if (now != null && seeds.hasTriggers(now.key())) {
                return Optional.of(verb + " of rows in " + now.key() + at + ", whose triggers may change other tables");
            }
            return Optional.empty(); // a table this migration created: dropping it undoes the rows
        }
        if (first.equals("INSERT") && now != null) {
            Optional<String> delete = seeds.undo(statement, table.key(), now.key(), end);
            if (delete.isPresent()) {
                undo.add(delete.get());
                return Optional.empty(); // constant rows by key: deleting them undoes the insert
            }
        }
        if (first.equals("UPDATE")) {
            List<String> columns = setColumns(tokens, end);
            boolean onlyNewColumns = !columns.isEmpty() && columns.stream().allMatch(column ->
                    after.columns().values().stream().anyMatch(c -> c.table() == oid.get() && c.name().equals(column)
                            && !before.columns().containsKey(c.id())));
            if (onlyNewColumns) {
                return Optional.empty(); // a backfill of columns this migration adds: dropping them undoes it
            }
        }
        return Optional.of(verb + " of rows in " + table.key() + at + ", a table that exists before it");
    }

    private static final Set<String> DATA_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "TRUNCATE", "COPY", "MERGE",
            "EXECUTE", "PERFORM", "CALL", "SETVAL", "NEXTVAL", "LO_IMPORT", "LO_UNLINK", "DBLINK_EXEC");

    /**
     * A DO block that only runs DDL, guarded by reads of the system catalogs ({@code IF NOT EXISTS (SELECT 1 FROM
     * pg_type ...) THEN CREATE TYPE ...}): the catalog shows all it does. No statement that writes rows, no dynamic
     * SQL, no function call by PERFORM or CALL, and every SELECT reads pg_* or information_schema.
     */
    private static boolean catalogOnlyBlock(SqlScript.Statement statement) {
        for (SqlScript.Token token : statement.tokens()) {
            if (token.type() != SqlScript.Type.DOLLAR_STRING && token.type() != SqlScript.Type.STRING) {
                continue;
            }
            SqlScript body;
            try {
                body = SqlScript.parse("", token.text());
            } catch (io.dbmigrate.engine.undo.ScriptSyntaxException e) {
                return false;
            }
            for (SqlScript.Statement inner : body.statements()) {
                List<String> words = inner.words();
                if (words.stream().anyMatch(DATA_WORDS::contains)) {
                    return false;
                }
                for (int i = 0; i < words.size(); i++) {
                    if (words.get(i).equals("SELECT")) {
                        int from = words.subList(i, words.size()).indexOf("FROM");
                        String relation = from < 0 || i + from + 1 >= words.size() ? "" : words.get(i + from + 1);
                        if (!relation.startsWith("PG_") && !relation.equals("INFORMATION_SCHEMA")
                                && !relation.equals("PG_CATALOG")) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    private static int skip(List<SqlScript.Token> tokens, int at, String word) {
        return at < tokens.size() && tokens.get(at).type() == SqlScript.Type.WORD
                && tokens.get(at).text().equalsIgnoreCase(word) ? at + 1 : at;
    }

    /** Reads a possibly qualified name at {@code at} as SQL into {@code name}; returns the index after it. */
    private static int readName(List<SqlScript.Token> tokens, int at, StringBuilder name) {
        int i = at;
        while (i < tokens.size()) {
            SqlScript.Token token = tokens.get(i);
            if (token.type() == SqlScript.Type.WORD) {
                name.append(token.text());
            } else if (token.type() == SqlScript.Type.QUOTED_IDENTIFIER) {
                name.append('"').append(token.text().replace("\"", "\"\"")).append('"');
            } else {
                break;
            }
            i++;
            if (i < tokens.size() && tokens.get(i).text().equals(".")) {
                name.append('.');
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The columns an UPDATE's SET assigns (unquoted names folded to lower case), from {@code at} on. */
    private static List<String> setColumns(List<SqlScript.Token> tokens, int at) {
        int i = at;
        while (i < tokens.size() && !(tokens.get(i).type() == SqlScript.Type.WORD
                && tokens.get(i).text().equalsIgnoreCase("SET"))) {
            i++;
        }
        List<String> columns = new ArrayList<>();
        int depth = 0;
        boolean expectColumn = true;
        for (i++; i < tokens.size(); i++) {
            SqlScript.Token token = tokens.get(i);
            String text = token.text();
            if (depth == 0 && token.type() == SqlScript.Type.WORD
                    && Set.of("WHERE", "FROM", "RETURNING").contains(text.toUpperCase(Locale.ROOT))) {
                break;
            }
            if (text.equals("(") && token.type() == SqlScript.Type.OPERATOR) {
                depth++;
            } else if (text.equals(")") && token.type() == SqlScript.Type.OPERATOR) {
                depth--;
            } else if (text.equals(",") && token.type() == SqlScript.Type.OPERATOR && depth == 0) {
                expectColumn = true;
                continue;
            } else if (text.equals("=") && token.type() == SqlScript.Type.OPERATOR && depth == 0) {
                expectColumn = false;
                continue;
            }
            if (expectColumn && (depth == 0 || depth == 1 && !text.equals("("))) {
                if (token.type() == SqlScript.Type.WORD) {
                    columns.add(text.toLowerCase(Locale.ROOT));
                } else if (token.type() == SqlScript.Type.QUOTED_IDENTIFIER) {
                    columns.add(text);
                }
            }
        }
        return columns;
    }

    /** Column type changes that keep every value exactly. */
    static final class Widening {
        private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint", "numeric");
        private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
        private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

        private Widening() {
        }

        static boolean keepsEveryValue(String from, String to) {
            int a = INTEGERS.indexOf(from);
            int b = INTEGERS.indexOf(to);
            if (a >= 0 && b > a) {
                return true;
            }
            Matcher fromVarchar = VARCHAR.matcher(from);
            if (to.equals("text") || to.equals("character varying")) {
                return fromVarchar.matches() || from.equals("text") || from.equals("character varying");
            }
            Matcher toVarchar = VARCHAR.matcher(to);
            if (fromVarchar.matches() && toVarchar.matches()) {
                return Integer.parseInt(toVarchar.group(1)) >= Integer.parseInt(fromVarchar.group(1));
            }
            Matcher fromNumeric = NUMERIC.matcher(from);
            Matcher toNumeric = NUMERIC.matcher(to);
            if (fromNumeric.matches() && toNumeric.matches()) {
                int fromScale = Integer.parseInt(fromNumeric.group(2));
                int toScale = Integer.parseInt(toNumeric.group(2));
                return toScale >= fromScale && Integer.parseInt(toNumeric.group(1)) - toScale
                        >= Integer.parseInt(fromNumeric.group(1)) - fromScale;
            }
            return fromNumeric.matches() && to.equals("numeric") || from.equals("real") && to.equals("double precision");
        }
    }
}
