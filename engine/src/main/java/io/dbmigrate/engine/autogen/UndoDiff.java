package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogExtras;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.CatalogModel.Routine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The undo of one migration, from two readings of the catalog: {@code after} (the migration applied, its renames
 * already taken back) to {@code before}. {@link SchemaDiff} writes tables, columns, keys, indexes, sequences, enum
 * types and views; this adds what it leaves out: functions (pg_get_functiondef), triggers (pg_get_triggerdef) and
 * comments. Functions the undo needs come first, triggers are dropped first and created last, and functions the
 * migration added are dropped after what used them.
 */
public final class UndoDiff {
    private UndoDiff() {
    }

    public static GeneratedScript between(CatalogModel after, CatalogExtras afterExtras, CatalogModel before,
                                          CatalogExtras beforeExtras, Names names) {
        List<String> statements = new ArrayList<>();
        Map<String, String> triggersAfter = afterExtras.withPrefix(CatalogExtras.TRIGGER);
        Map<String, String> triggersBefore = beforeExtras.withPrefix(CatalogExtras.TRIGGER);
        for (Map.Entry<String, String> trigger : triggersAfter.entrySet()) {
            if (!Objects.equals(triggersBefore.get(trigger.getKey()), trigger.getValue())) {
                statements.add(dropTrigger(trigger.getKey(), names));
            }
        }
        OptionsUndo options = new OptionsUndo(afterExtras, beforeExtras, before, names);
        statements.addAll(options.first());
        // an extension's functions come and go with it
        Set<String> members = new TreeSet<>(afterExtras.withPrefix(CatalogExtras.EXTENSION_FUNCTION).keySet());
        members.addAll(beforeExtras.withPrefix(CatalogExtras.EXTENSION_FUNCTION).keySet());
        Map<String, Routine> functionsAfter = new TreeMap<>(after.functionsByKey());
        Map<String, Routine> functionsBefore = new TreeMap<>(before.functionsByKey());
        functionsAfter.keySet().removeAll(members);
        functionsBefore.keySet().removeAll(members);
        Map<String, String> extensionsAfter = afterExtras.withPrefix(CatalogExtras.EXTENSION);
        Map<String, String> extensionsBefore = beforeExtras.withPrefix(CatalogExtras.EXTENSION);
        extensionsAfter.keySet().removeIf(k -> k.startsWith(CatalogExtras.EXTENSION_FUNCTION.substring(
                CatalogExtras.EXTENSION.length())));
        extensionsBefore.keySet().removeIf(k -> k.startsWith(CatalogExtras.EXTENSION_FUNCTION.substring(
                CatalogExtras.EXTENSION.length())));
        for (Map.Entry<String, String> extension : extensionsBefore.entrySet()) {
            String[] schemaAndVersion = extension.getValue().split(" ", 2);
            if (!extensionsAfter.containsKey(extension.getKey())) {
                statements.add("CREATE EXTENSION " + names.quote(extension.getKey()) + " WITH SCHEMA "
                        + names.quote(schemaAndVersion[0]) + " VERSION " + Names.literal(schemaAndVersion[1]) + ";");
            } else if (!extensionsAfter.get(extension.getKey()).equals(extension.getValue())) {
                statements.add("ALTER EXTENSION " + names.quote(extension.getKey()) + " UPDATE TO "
                        + Names.literal(schemaAndVersion[1]) + ";");
            }
        }
        for (Routine function : functionsBefore.values()) {
            Routine now = functionsAfter.get(function.key());
            if (now == null || !now.definition().equals(function.definition())) {
                statements.add(function.definition().strip() + (function.definition().strip().endsWith(";") ? "" : ";"));
            }
        }
        GeneratedScript schema = SchemaDiff.between(after, before, names, true);
        List<String> schemaStatements = partitionsFirst(schema.statements(), after, names);
        List<String> dropRoutines = new ArrayList<>();
        for (Routine function : functionsAfter.values()) {
            if (!functionsBefore.containsKey(function.key())) {
                dropRoutines.add("DROP ROUTINE " + names.qualified(function.schema(), routineName(function))
                        + routineArguments(function) + ";");
            }
        }
        for (String extension : extensionsAfter.keySet()) {
            if (!extensionsBefore.containsKey(extension)) {
                dropRoutines.add("DROP EXTENSION " + names.quote(extension) + ";");
            }
        }
        // functions go after the tables, columns and views that use them, and before the types they use
        int typesDropped = schemaStatements.size();
        for (int i = 0; i < schemaStatements.size(); i++) {
            if (schemaStatements.get(i).startsWith("DROP TYPE ")) {
                typesDropped = i;
                break;
            }
        }
        statements.addAll(schemaStatements.subList(0, typesDropped));
        statements.addAll(dropRoutines);
        statements.addAll(schemaStatements.subList(typesDropped, schemaStatements.size()));
        for (Map.Entry<String, String> trigger : triggersBefore.entrySet()) {
            if (!Objects.equals(triggersAfter.get(trigger.getKey()), trigger.getValue())) {
                statements.add(trigger.getValue() + ";");
            }
        }
        statements.addAll(options.last());
        statements.addAll(comments(afterExtras, beforeExtras, before));
        statements.addAll(privileges(afterExtras, beforeExtras, after, before, names));
        return new GeneratedScript(statements, schema.warnings());
    }

    /** Partitions dropped before the other tables: dropping a partitioned table drops its partitions with it. */
    private static List<String> partitionsFirst(List<String> statements, CatalogModel after, Names names) {
        Set<String> partitionDrops = new TreeSet<>();
        after.tables().stream().filter(CatalogModel.Table::partition)
                .forEach(t -> partitionDrops.add("DROP TABLE " + names.qualified(t.schema(), t.name()) + ";"));
        List<String> ordered = new ArrayList<>(statements);
        int firstDrop = -1;
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).startsWith("DROP TABLE ")) {
                firstDrop = i;
                break;
            }
        }
        if (firstDrop < 0) {
            return statements;
        }
        List<String> moved = ordered.stream().filter(partitionDrops::contains).toList();
        ordered.removeAll(moved);
        ordered.addAll(firstDrop, moved);
        return ordered;
    }

    private static String dropTrigger(String key, Names names) {
        // schema.table.trigger, as CatalogExtras keys it; names with dots are quoted in no part of the key
        int last = key.lastIndexOf('.');
        String table = key.substring(0, last);
        return "DROP TRIGGER " + names.quote(key.substring(last + 1)) + " ON " + names.qualified(table) + ";";
    }

    private static String routineName(Routine routine) {
        return routine.signature().substring(0, routine.signature().indexOf('('));
    }

    private static String routineArguments(Routine routine) {
        return routine.signature().substring(routine.signature().indexOf('('));
    }

    /** COMMENT ON for every comment that differs, on objects that exist before the migration. */
    private static List<String> comments(CatalogExtras afterExtras, CatalogExtras beforeExtras, CatalogModel before) {
        Map<String, String> was = beforeExtras.withPrefix(CatalogExtras.COMMENT);
        Map<String, String> now = afterExtras.withPrefix(CatalogExtras.COMMENT);
        Set<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(now.keySet());
        Set<String> beforeColumns = new TreeSet<>();
        Names qualifiedAlways = new Names("", Set.of());
        for (CatalogModel.Table table : before.tables()) {
            table.columns().forEach(c -> beforeColumns.add(qualifiedAlways.qualified(table.schema(), table.name()) + "."
                    + qualifiedAlways.quote(c.name())));
        }
        List<String> sql = new ArrayList<>();
        for (String key : keys) {
            String value = was.get(key);
            if (Objects.equals(value, now.get(key))) {
                continue;
            }
            String type = COMMENT_TYPES.stream().filter(t -> key.startsWith(t + " ")).findFirst().orElse("");
            if (type.isEmpty()) {
                continue;
            }
            String identity = key.substring(type.length() + 1);
            boolean exists = type.endsWith("column") ? beforeColumns.contains(identity)
                    : beforeExtras.entries().containsKey(CatalogExtras.OBJECT + key);
            String keyword = commentKeyword(type);
            if (value == null && !exists) {
                continue;
            }
            String target = switch (type) {
                case "table constraint", "trigger" -> identity.replaceFirst(" on ", " ON ");
                default -> identity;
            };
            sql.add("COMMENT ON " + keyword + " " + target + " IS " + (value == null ? "NULL" : Names.literal(value))
                    + ";");
        }
        return sql;
    }

    /**
     * GRANT what V revoked and REVOKE what V granted, on relations, functions and columns that exist both before and
     * after V (a relation V creates or drops takes its privileges with it).
     */
    private static List<String> privileges(CatalogExtras afterExtras, CatalogExtras beforeExtras, CatalogModel after,
                                           CatalogModel before, Names names) {
        Map<String, String> was = beforeExtras.withPrefix(CatalogExtras.PRIVILEGE);
        Map<String, String> now = afterExtras.withPrefix(CatalogExtras.PRIVILEGE);
        Set<String> objectsBefore = new TreeSet<>();
        Set<String> objectsAfter = new TreeSet<>();
        was.keySet().forEach(k -> objectsBefore.add(object(k)));
        now.keySet().forEach(k -> objectsAfter.add(object(k)));
        Set<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(now.keySet());
        List<String> sql = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split(" ", 4);
            if (parts.length < 4 || Objects.equals(was.get(key), now.get(key))) {
                continue;
            }
            String privilege = parts[2];
            String on;
            if (parts[0].equals("COLUMN")) {
                // a column's list is absent until a GRANT: its existence on both sides decides
                int dot = parts[3].lastIndexOf('.');
                String table = parts[3].substring(0, dot);
                String column = parts[3].substring(dot + 1);
                if (!hasColumn(before, table, column) || !hasColumn(after, table, column)) {
                    continue;
                }
                privilege += " (" + names.quote(column) + ")";
                on = "TABLE " + qualifiedAlways(table, "TABLE", names);
            } else if (!objectsBefore.contains(object(key)) || !objectsAfter.contains(object(key))) {
                continue;
            } else {
                on = parts[0] + " " + qualifiedAlways(parts[3], parts[0], names);
            }
            if (now.containsKey(key)) {
                sql.add("REVOKE " + privilege + " ON " + on + " FROM " + parts[1] + ";");
            }
            if (was.containsKey(key)) {
                sql.add("GRANT " + privilege + " ON " + on + " TO " + parts[1]
                        + (was.get(key).isEmpty() ? "" : " WITH GRANT OPTION") + ";");
            }
        }
        return sql;
    }

    private static boolean hasColumn(CatalogModel model, String table, String column) {
        CatalogModel.Table found = model.tablesByKey().get(table);
        return found != null && found.columnsByName().containsKey(column);
    }

    /** "TABLE grantee PRIV schema.name" → "TABLE schema.name". */
    private static String object(String key) {
        String[] parts = key.split(" ", 4);
        return parts.length < 4 ? key : parts[0] + " " + parts[3];
    }

    /** schema.name (a function's with its arguments) quoted as SQL; the name is as the catalog spells it. */
    static String qualifiedAlways(String key, String kind, Names quoting) {
        int dot = key.indexOf('.');
        String schema = key.substring(0, dot);
        String rest = key.substring(dot + 1);
        if (kind.equals("FUNCTION")) {
            int paren = rest.indexOf('(');
            return quoting.quote(schema) + "." + quoting.quote(rest.substring(0, paren)) + rest.substring(paren);
        }
        return quoting.quote(schema) + "." + quoting.quote(rest);
    }

    /** The object types a comment is written back for, longest first so "table column" is not taken for "table". */
    private static final List<String> COMMENT_TYPES = List.of("materialized view", "table constraint", "table column",
            "procedure", "function", "sequence", "trigger", "schema", "index", "table", "view", "type");

    private static String commentKeyword(String type) {
        return switch (type) {
            case "table" -> "TABLE";
            case "view" -> "VIEW";
            case "materialized view" -> "MATERIALIZED VIEW";
            case "index" -> "INDEX";
            case "sequence" -> "SEQUENCE";
            case "table column" -> "COLUMN";
            case "type" -> "TYPE";
            case "schema" -> "SCHEMA";
            case "function" -> "FUNCTION";
            case "procedure" -> "PROCEDURE";
            case "table constraint" -> "CONSTRAINT";
            case "trigger" -> "TRIGGER";
            default -> "";
        };
    }
}
