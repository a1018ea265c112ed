package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogExtras;
import io.dbmigrate.engine.schema.CatalogExtras.RelationOptions;
import io.dbmigrate.engine.schema.CatalogModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of an undo that {@link CatalogExtras} reads and the name-based model does not: owners, row-level security
 * and its policies, table options (reloptions, persistence, replica identity), partitions attached or detached, and a
 * column's statistics target, storage and options. Only for objects on both sides: what the undo creates or drops
 * takes these with it. {@link #first} runs before the rest of the undo (a policy can hold a column back, a partition
 * its parent's constraints), {@link #last} after it.
 */
final class OptionsUndo {
    private final CatalogExtras after;
    private final CatalogExtras before;
    private final CatalogModel beforeModel;
    private final Names names;
    private final Map<String, RelationOptions> relationsAfter = new LinkedHashMap<>();
    private final Map<String, RelationOptions> relationsBefore = new LinkedHashMap<>();

    OptionsUndo(CatalogExtras after, CatalogExtras before, CatalogModel beforeModel, Names names) {
        this.after = after;
        this.before = before;
        this.beforeModel = beforeModel;
        this.names = names;
        after.withPrefix(CatalogExtras.RELATION_OPTIONS).forEach((k, v) -> relationsAfter.put(k, RelationOptions.of(v)));
        before.withPrefix(CatalogExtras.RELATION_OPTIONS)
                .forEach((k, v) -> relationsBefore.put(k, RelationOptions.of(v)));
    }

    /** Policies V added or changed dropped, partitions V attached (or moved) detached. */
    List<String> first() {
        List<String> sql = new ArrayList<>();
        Map<String, String> policiesBefore = before.withPrefix(CatalogExtras.POLICY);
        after.withPrefix(CatalogExtras.POLICY).forEach((key, definition) -> {
            if (!definition.equals(policiesBefore.get(key))) {
                int dot = key.lastIndexOf('.');
                sql.add("DROP POLICY " + names.quote(key.substring(dot + 1)) + " ON " + names.qualified(key.substring(0,
                        dot)) + ";");
            }
        });
        bothSides((key, was, now) -> {
            if (now.isPartition() && !(was.partitionBound().equals(now.partitionBound())
                    && was.parents().equals(now.parents()))) {
                sql.add("ALTER TABLE " + now.parents() + " DETACH PARTITION " + names.qualified(key) + ";");
            }
        });
        return sql;
    }

    /** Partitions attached again, then owners, row security, table and column options, and policies as before V. */
    List<String> last() {
        List<String> sql = new ArrayList<>();
        Set<String> reowned = new TreeSet<>();
        bothSides((key, was, now) -> {
            if (was.isPartition() && !(was.partitionBound().equals(now.partitionBound())
                    && was.parents().equals(now.parents()))) {
                sql.add("ALTER TABLE " + was.parents() + " ATTACH PARTITION " + names.qualified(key) + " "
                        + was.partitionBound() + ";");
            }
            if (!was.owner().equals(now.owner())) {
                reowned.add(key);
            }
        });
        Map<String, CatalogModel.Sequence> sequences = beforeModel.sequencesByKey();
        bothSides((key, was, now) -> {
            String alter = "ALTER " + keyword(key) + " " + names.qualified(key);
            CatalogModel.Sequence sequence = sequences.get(key);
            // an owned sequence follows its table's owner, and refuses one of its own
            if (reowned.contains(key) && !(sequence != null && sequence.isOwned())) {
                sql.add(alter + " OWNER TO " + names.quote(was.owner()) + ";");
            }
            if (!was.persistence().equals(now.persistence())) {
                sql.add(alter + (was.persistence().equals("u") ? " SET UNLOGGED;" : " SET LOGGED;"));
            }
            if (was.rowSecurity() != now.rowSecurity()) {
                sql.add(alter + (was.rowSecurity() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY;");
            }
            if (was.forceRowSecurity() != now.forceRowSecurity()) {
                sql.add(alter + (was.forceRowSecurity() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY;");
            }
            sql.addAll(options(alter, "", was.reloptions(), now.reloptions()));
            sql.addAll(options(alter, "toast.", was.toastOptions(), now.toastOptions()));
            if (!was.replicaIdentity().equals(now.replicaIdentity()) && !was.replicaIdentity().equals("i")) {
                sql.add(alter + " REPLICA IDENTITY " + switch (was.replicaIdentity()) {
                    case "f" -> "FULL";
                    case "n" -> "NOTHING";
                    default -> "DEFAULT";
                } + ";");
            }
        });
        sql.addAll(columnOptions());
        sql.addAll(owners(CatalogExtras.FUNCTION_OWNER, "ROUTINE"));
        sql.addAll(owners(CatalogExtras.TYPE_OWNER, "TYPE"));
        Map<String, String> policiesAfter = after.withPrefix(CatalogExtras.POLICY);
        before.withPrefix(CatalogExtras.POLICY).forEach((key, definition) -> {
            if (!definition.equals(policiesAfter.get(key))) {
                sql.add(definition + ";");
            }
        });
        return sql;
    }

    private interface RelationChange {
        void accept(String key, RelationOptions was, RelationOptions now);
    }

    private void bothSides(RelationChange change) {
        relationsBefore.forEach((key, was) -> {
            RelationOptions now = relationsAfter.get(key);
            if (now != null) {
                change.accept(key, was, now);
            }
        });
    }

    /** How ALTER names the relation: as the model has it, a table when it is none of the others (a foreign table). */
    private String keyword(String key) {
        if (beforeModel.tablesByKey().containsKey(key)) {
            return "TABLE";
        }
        CatalogModel.View view = beforeModel.viewsByKey().get(key);
        if (view != null) {
            return view.materialized() ? "MATERIALIZED VIEW" : "VIEW";
        }
        return beforeModel.sequencesByKey().containsKey(key) ? "SEQUENCE" : "FOREIGN TABLE";
    }

    /**
     * SET what V reset or changed, RESET what V set: reloptions or attoptions as the catalog's text[] writes them;
     * {@code prefix} "toast." for the options of a table's TOAST table.
     */
    private static List<String> options(String alter, String prefix, String was, String now) {
        Map<String, String> wanted = parse(was);
        Map<String, String> present = parse(now);
        List<String> set = new ArrayList<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(present.get(k))) {
                set.add(prefix + k + " = " + (v.matches("[A-Za-z0-9_.]+") ? v : Names.literal(v)));
            }
        });
        List<String> reset = present.keySet().stream().filter(k -> !wanted.containsKey(k)).map(k -> prefix + k)
                .toList();
        List<String> sql = new ArrayList<>();
        if (!reset.isEmpty()) {
            sql.add(alter + " RESET (" + String.join(", ", reset) + ");");
        }
        if (!set.isEmpty()) {
            sql.add(alter + " SET (" + String.join(", ", set) + ");");
        }
        return sql;
    }

    /** {fillfactor=70,"a=b c"} → fillfactor → 70, a → b c; "-" or empty → none. */
    private static Map<String, String> parse(String array) {
        Map<String, String> options = new LinkedHashMap<>();
        if (array.equals("-") || array.length() < 2) {
            return options;
        }
        for (String item : array.substring(1, array.length() - 1).split(",")) {
            String plain = item.startsWith("\"") && item.endsWith("\"") ? item.substring(1, item.length() - 1)
                    .replace("\\\"", "\"") : item;
            int eq = plain.indexOf('=');
            if (eq > 0) {
                options.put(plain.substring(0, eq), plain.substring(eq + 1));
            }
        }
        return options;
    }

    /** Statistics target, storage and attoptions of columns on both sides, as before V. */
    private List<String> columnOptions() {
        Map<String, String> was = before.withPrefix(CatalogExtras.COLUMN_OPTIONS);
        Map<String, String> now = after.withPrefix(CatalogExtras.COLUMN_OPTIONS);
        Set<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(now.keySet());
        List<String> sql = new ArrayList<>();
        for (String key : keys) {
            if (Objects.equals(was.get(key), now.get(key))) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            String table = key.substring(0, dot);
            String column = key.substring(dot + 1);
            CatalogModel.Table wasTable = beforeModel.tablesByKey().get(table);
            if (wasTable == null || !wasTable.columnsByName().containsKey(column)
                    || !relationsAfter.containsKey(table)) {
                continue;
            }
            String[] w = split(was.get(key));
            String[] n = split(now.get(key));
            String alter = "ALTER TABLE " + names.qualified(table) + " ALTER COLUMN " + names.quote(column);
            if (!w[2].equals(n[2])) {
                sql.add(alter + " SET STATISTICS " + (w[2].equals("-") ? "-1" : w[2]) + ";");
            }
            if (!w[3].equals(n[3]) && !w[3].equals("-")) {
                sql.add(alter + " SET STORAGE " + switch (w[3]) {
                    case "p" -> "PLAIN";
                    case "e" -> "EXTERNAL";
                    case "m" -> "MAIN";
                    default -> "EXTENDED";
                } + ";");
            }
            sql.addAll(options(alter, "", w[4], n[4]));
        }
        return sql;
    }

    /** A column without an entry has the defaults: its type's storage, which the undo leaves as it finds it. */
    private static String[] split(String value) {
        if (value == null) {
            return new String[] {"-", "-", "-", "-", "-"};
        }
        String[] parts = value.split(" \\| ", -1);
        if (parts[2].equals("null") || parts[2].startsWith("-")) {
            parts[2] = "-";
        }
        return parts;
    }

    /** ALTER … OWNER TO for functions or types on both sides whose owner V changed. */
    private List<String> owners(String prefix, String keyword) {
        Map<String, String> was = before.withPrefix(prefix);
        Map<String, String> now = after.withPrefix(prefix);
        List<String> sql = new ArrayList<>();
        was.forEach((key, value) -> {
            String owner = value.substring(value.lastIndexOf(" | ") + 3);
            String present = now.get(key);
            if (present != null && !present.substring(present.lastIndexOf(" | ") + 3).equals(owner)) {
                sql.add("ALTER " + keyword + " " + UndoDiff.qualifiedAlways(key, keyword.equals("ROUTINE")
                        ? "FUNCTION" : keyword, names) + " OWNER TO " + names.quote(owner) + ";");
            }
        });
        return sql;
    }
}
