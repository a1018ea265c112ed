package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.undo.SqlScript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The undo of an {@code INSERT ... VALUES} of constant rows into a table that exists before the migration: a DELETE
 * of those rows by primary key. Certain because the insert could only succeed if no row had those keys before it;
 * and the proof runs the migration again after the undo, which fails if a row was left. Only plain constants (no
 * function calls, no SELECT, no ON CONFLICT or RETURNING), a key given in every row, and a table without triggers.
 */
public final class SeedRows {
    private static final Set<String> CONSTANT_WORDS = Set.of("NULL", "TRUE", "FALSE", "DEFAULT", "CURRENT_TIMESTAMP",
            "CURRENT_DATE", "LOCALTIMESTAMP");

    private final CatalogModel before;
    private final Set<String> tablesWithTriggers;
    private final Names names;

    /** {@code tablesWithTriggers}: schema.table of every table with a trigger after the migration. */
    public SeedRows(CatalogModel before, Set<String> tablesWithTriggers, Names names) {
        this.before = before;
        this.tablesWithTriggers = Set.copyOf(tablesWithTriggers);
        this.names = names;
    }

    /**
     * The DELETE that takes the statement's rows out of the table, if it is certain: {@code tableKey} names it
     * (schema.table) before the migration, {@code nameAfter} after it (where the undo starts); {@code afterName} is
     * the index of the token after the table's name in the statement.
     */
    public Optional<String> undo(SqlScript.Statement insert, String tableKey, String nameAfter, int afterName) {
        CatalogModel.Table table = before.tablesByKey().get(tableKey);
        Optional<List<String>> key = before.constraints().stream()
                .filter(c -> c.tableKey().equals(tableKey) && c.type().equals("p")).findFirst()
                .map(c -> columnsOf(c.definition()));
        if (table == null || key.isEmpty() || tablesWithTriggers.contains(nameAfter)) {
            return Optional.empty();
        }
        List<SqlScript.Token> tokens = insert.tokens();
        int i = afterName;
        List<String> columns = new ArrayList<>();
        if (i < tokens.size() && tokens.get(i).text().equals("(")) {
            for (i++; i < tokens.size() && !tokens.get(i).text().equals(")"); i++) {
                SqlScript.Token t = tokens.get(i);
                if (t.type() == SqlScript.Type.WORD) {
                    columns.add(t.text().toLowerCase(Locale.ROOT));
                } else if (t.type() == SqlScript.Type.QUOTED_IDENTIFIER) {
                    columns.add(t.text());
                }
            }
            i++;
        } else {
            table.columns().forEach(c -> columns.add(c.name()));
        }
        if (i >= tokens.size() || !tokens.get(i).text().equalsIgnoreCase("VALUES")) {
            return Optional.empty();
        }
        List<Integer> keyAt = key.get().stream().map(columns::indexOf).toList();
        if (keyAt.contains(-1)) {
            return Optional.empty();
        }
        List<String> rows = new ArrayList<>();
        i++;
        while (i < tokens.size()) {
            if (!tokens.get(i).text().equals("(")) {
                return Optional.empty();
            }
            List<List<SqlScript.Token>> values = new ArrayList<>();
            List<SqlScript.Token> value = new ArrayList<>();
            int depth = 0;
            for (i++; i < tokens.size(); i++) {
                String text = tokens.get(i).text();
                boolean operator = tokens.get(i).type() == SqlScript.Type.OPERATOR;
                if (operator && text.equals(")") && depth == 0) {
                    break;
                }
                if (operator && text.equals(",") && depth == 0) {
                    values.add(value);
                    value = new ArrayList<>();
                    continue;
                }
                depth += operator && text.equals("(") ? 1 : operator && text.equals(")") ? -1 : 0;
                value.add(tokens.get(i));
            }
            values.add(value);
            i++;
            if (values.size() != columns.size() || !values.stream().allMatch(SeedRows::constant)) {
                return Optional.empty();
            }
            List<String> keyValues = new ArrayList<>();
            for (int at : keyAt) {
                Optional<String> literal = literal(values.get(at));
                if (literal.isEmpty()) {
                    return Optional.empty();
                }
                keyValues.add(literal.get());
            }
            rows.add(keyValues.size() == 1 ? keyValues.get(0) : "(" + String.join(", ", keyValues) + ")");
            if (i < tokens.size() && tokens.get(i).text().equals(",")) {
                i++;
            } else if (i < tokens.size()) {
                return Optional.empty(); // ON CONFLICT, RETURNING...
            }
        }
        String keyColumns = key.get().size() == 1 ? names.quote(key.get().get(0))
                : "(" + String.join(", ", key.get().stream().map(names::quote).toList()) + ")";
        return Optional.of("DELETE FROM " + names.qualified(nameAfter) + " WHERE " + keyColumns + " IN ("
                + String.join(", ", rows) + ");");
    }

    /** Whether the table (schema.table, after the migration) has a trigger. */
    public boolean hasTriggers(String tableKey) {
        return tablesWithTriggers.contains(tableKey);
    }

    /** "PRIMARY KEY (a, b)" → [a, b], unquoted. */
    private static List<String> columnsOf(String definition) {
        String inner = definition.substring(definition.indexOf('(') + 1, definition.indexOf(')'));
        return Arrays.stream(inner.split(",")).map(String::strip)
                .map(c -> c.startsWith("\"") ? c.substring(1, c.length() - 1).replace("\"\"", "\"") : c).toList();
    }

    /** A literal, a signed number, NULL/TRUE/FALSE/DEFAULT or the current time, with casts: nothing that runs code. */
    private static boolean constant(List<SqlScript.Token> value) {
        for (int i = 0; i < value.size(); i++) {
            SqlScript.Token t = value.get(i);
            boolean afterCast = i > 0 && value.get(i - 1).text().equals("::");
            switch (t.type()) {
                case STRING, NUMBER -> { }
                case WORD -> {
                    boolean call = i + 1 < value.size() && value.get(i + 1).text().equals("(");
                    if (!afterCast && (call || !CONSTANT_WORDS.contains(t.text().toUpperCase(Locale.ROOT)))) {
                        return false;
                    }
                }
                case OPERATOR -> {
                    if (!Set.of("::", "-", "(", ")").contains(t.text())) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return !value.isEmpty();
    }

    /** A key value as SQL: a string or a (negative) number, casts dropped; empty for anything else. */
    private static Optional<String> literal(List<SqlScript.Token> value) {
        SqlScript.Token first = value.get(0);
        if (first.type() == SqlScript.Type.STRING) {
            return Optional.of(Names.literal(first.text()));
        }
        if (first.type() == SqlScript.Type.NUMBER) {
            return Optional.of(first.text());
        }
        if (first.text().equals("-") && value.size() > 1 && value.get(1).type() == SqlScript.Type.NUMBER) {
            return Optional.of("-" + value.get(1).text());
        }
        return Optional.empty();
    }
}
