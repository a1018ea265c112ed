package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.CatalogModel.Column;
import io.dbmigrate.engine.schema.CatalogModel.Constraint;
import io.dbmigrate.engine.schema.CatalogModel.EnumType;
import io.dbmigrate.engine.schema.CatalogModel.Index;
import io.dbmigrate.engine.schema.CatalogModel.Sequence;
import io.dbmigrate.engine.schema.CatalogModel.Table;
import io.dbmigrate.engine.schema.CatalogModel.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The statements that turn one catalog ({@code from}) into another ({@code to}): tables, columns
 * (type, nullability, default, identity, generated), primary keys, unique, check and exclusion
 * constraints, foreign keys, indexes, standalone sequences (a serial's or identity's sequence goes with
 * its column), enum types and views. Renames are not guessed: an object that is only on one side is
 * dropped or created. Statements come out in phases, so that what others depend on is created first
 * and dropped last; the same class run the other way round writes the undo script.
 */
public final class SchemaDiff {

    /** The order statements run in. */
    private enum Phase {
        DROP_VIEWS, DROP_FOREIGN_KEYS, DROP_INDEXES, DROP_CONSTRAINTS, PREPARE_COLUMNS, DROP_COLUMNS, DROP_TABLES,
        DROP_SEQUENCES, TYPES, SEQUENCES, CREATE_TABLES, COLUMNS, OWN_SEQUENCES, ADD_CONSTRAINTS, ADD_FOREIGN_KEYS,
        DROP_TYPES, CREATE_VIEWS, CREATE_INDEXES
    }

    private static final List<String> KEY_ORDER = List.of("p", "u", "x", "c");

    private final CatalogModel from;
    private final CatalogModel to;
    private final Names names;
    private final boolean undo;
    private final Map<Phase, List<String>> statements = new EnumMap<>(Phase.class);
    private final Map<Phase, List<String>> warnings = new EnumMap<>(Phase.class);

    private final Map<String, Table> fromTables;
    private final Map<String, Table> toTables;
    private final Map<String, Sequence> fromSequences;
    private final Map<String, Sequence> toSequences;
    private final Set<String> droppedTables = new TreeSet<>();
    private final Set<String> newTables = new TreeSet<>();
    private final Set<String> recreatedEnums = new HashSet<>();
    private final Set<String> serialSequences = new HashSet<>();
    private final Set<String> droppedColumns = new HashSet<>();
    /** Tables with a column dropped or retyped: views reading them must be rebuilt. */
    private final Set<String> reshapedTables = new HashSet<>();
    /** Tables whose primary key, unique constraint or unique index is dropped: foreign keys to them are rebuilt. */
    private final Set<String> rekeyedTables = new HashSet<>();
    private final Set<String> droppedViews = new HashSet<>();
    private final Set<String> createdViews = new HashSet<>();

    private SchemaDiff(CatalogModel from, CatalogModel to, Names names, boolean undo) {
        this.from = from;
        this.to = to;
        this.names = names;
        this.undo = undo;
        this.fromTables = from.tablesByKey();
        this.toTables = to.tablesByKey();
        this.fromSequences = from.sequencesByKey();
        this.toSequences = to.sequencesByKey();
        for (Phase phase : Phase.values()) {
            statements.put(phase, new ArrayList<>());
            warnings.put(phase, new ArrayList<>());
        }
    }

    /**
     * The script that turns {@code from} into {@code to}. {@code undo} says it is the downgrade's script,
     * which only changes the wording of its warnings (a downgrade backs up what it drops).
     */
    public static GeneratedScript between(CatalogModel from, CatalogModel to, Names names, boolean undo) {
        SchemaDiff diff = new SchemaDiff(from, to, names, undo);
        diff.enums();
        diff.tables();
        diff.views();
        diff.sequences();
        diff.constraints();
        diff.indexes();
        diff.foreignKeys();
        diff.droppedTables();
        List<String> all = new ArrayList<>();
        diff.statements.values().forEach(all::addAll);
        List<String> warnings = new ArrayList<>();
        diff.warnings.values().forEach(warnings::addAll);
        return new GeneratedScript(all, warnings);
    }

    /** Differences this class cannot write, in either direction, one line each; empty when there are none. */
    public static List<String> unsupported(CatalogModel from, CatalogModel to, Names names) {
        List<String> found = new ArrayList<>();
        Map<String, CatalogModel.Routine> fromFunctions = from.functionsByKey();
        Map<String, CatalogModel.Routine> toFunctions = to.functionsByKey();
        for (String key : union(fromFunctions.keySet(), toFunctions.keySet())) {
            if (!Objects.equals(fromFunctions.get(key), toFunctions.get(key))) {
                found.add(Warnings.autogenerateNoFunctions(names.shown(key)));
            }
        }
        Map<String, Table> fromTables = from.tablesByKey();
        Map<String, Table> toTables = to.tablesByKey();
        for (String key : union(fromTables.keySet(), toTables.keySet())) {
            Table f = fromTables.get(key);
            Table t = toTables.get(key);
            boolean partitioned = f != null && (f.kind().equals("p") || f.partition())
                    || t != null && (t.kind().equals("p") || t.partition());
            if (partitioned && !Objects.equals(f, t)) {
                found.add(Warnings.autogenerateNoPartitions(names.shown(key)));
            }
        }
        return found;
    }

    // --- enum types ---------------------------------------------------------------------------

    private void enums() {
        Map<String, EnumType> fromEnums = from.enumsByKey();
        Map<String, EnumType> toEnums = to.enumsByKey();
        for (String key : union(fromEnums.keySet(), toEnums.keySet())) {
            EnumType f = fromEnums.get(key);
            EnumType t = toEnums.get(key);
            String name = f == null ? names.qualified(t.schema(), t.name()) : names.qualified(f.schema(), f.name());
            if (f == null) {
                add(Phase.TYPES, "CREATE TYPE " + name + " AS ENUM (" + labels(t.labels()) + ");");
            } else if (t == null) {
                add(Phase.DROP_TYPES, "DROP TYPE " + name + ";");
                warn(Phase.DROP_TYPES, Warnings.autogenerateDropsType(names.shown(key)));
            } else if (!f.labels().equals(t.labels())) {
                if (isSubsequence(f.labels(), t.labels())) {
                    addValues(name, f.labels(), t.labels());
                } else {
                    recreatedEnums.add(key);
                    String old = t.name().length() > 55 ? t.name().substring(0, 55) + "__old" : t.name() + "__old";
                    add(Phase.TYPES, "ALTER TYPE " + name + " RENAME TO " + names.quote(old) + ";");
                    add(Phase.TYPES, "CREATE TYPE " + name + " AS ENUM (" + labels(t.labels()) + ");");
                    add(Phase.DROP_TYPES, "DROP TYPE " + names.qualified(t.schema(), old) + ";");
                    List<String> removed = f.labels().stream().filter(l -> !t.labels().contains(l)).toList();
                    warn(Phase.TYPES, Warnings.autogenerateRecreatesType(names.shown(key), removed));
                }
            }
        }
    }

    private void addValues(String type, List<String> old, List<String> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            String label = wanted.get(i);
            if (old.contains(label)) {
                continue;
            }
            String position = "";
            if (i > 0) {
                position = " AFTER " + Names.literal(wanted.get(i - 1));
            } else if (!old.isEmpty()) {
                position = " BEFORE " + Names.literal(wanted.stream().filter(old::contains).findFirst().orElseThrow());
            }
            add(Phase.TYPES, "ALTER TYPE " + type + " ADD VALUE " + Names.literal(label) + position + ";");
        }
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        return whole.stream().filter(part::contains).toList().equals(part);
    }

    private static String labels(List<String> labels) {
        return String.join(", ", labels.stream().map(Names::literal).toList());
    }

    // --- tables and columns ------------------------------------------------------------------

    private void tables() {
        for (String key : union(fromTables.keySet(), toTables.keySet())) {
            Table f = fromTables.get(key);
            Table t = toTables.get(key);
            if (f == null) {
                newTables.add(key);
                createTable(t);
            } else if (t == null) {
                droppedTables.add(key);
            } else {
                alterColumns(f, t);
            }
        }
    }

    private void createTable(Table table) {
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(columnDefinition(table, column));
        }
        to.constraints().stream()
                .filter(c -> c.tableKey().equals(table.key()) && KEY_ORDER.contains(c.type()))
                .sorted(Comparator.comparing((Constraint c) -> KEY_ORDER.indexOf(c.type())).thenComparing(Constraint::name))
                .forEach(c -> parts.add("CONSTRAINT " + names.quote(c.name()) + " " + c.definition()));
        add(Phase.CREATE_TABLES, "CREATE TABLE " + names.qualified(table.schema(), table.name()) + " (\n    "
                + String.join(",\n    ", parts) + "\n);");
    }

    private void alterColumns(Table f, Table t) {
        Map<String, Column> fromColumns = f.columnsByName();
        Map<String, Column> toColumns = t.columnsByName();
        for (Column column : f.columns()) {
            if (!toColumns.containsKey(column.name())) {
                dropColumn(f, column);
            }
        }
        for (Column column : t.columns()) {
            Column old = fromColumns.get(column.name());
            if (old == null) {
                add(Phase.COLUMNS, alterTable(t) + " ADD COLUMN " + columnDefinition(t, column) + ";");
            } else {
                alterColumn(t, old, column);
            }
        }
    }

    private void dropColumn(Table table, Column column) {
        add(Phase.DROP_COLUMNS, alterTable(table) + " DROP COLUMN " + names.quote(column.name()) + ";");
        warn(Phase.DROP_COLUMNS, Warnings.autogenerateDropsColumn(names.shown(table.schema(), table.name()), column.name(), undo));
        droppedColumns.add(table.key() + "." + column.name());
        reshapedTables.add(table.key());
    }

    private void alterColumn(Table table, Column old, Column column) {
        boolean enumRecreated = old.baseType().equals(column.baseType()) && recreatedEnums.contains(column.baseType());
        boolean typeChanged = !old.type().equals(column.type()) || enumRecreated;
        boolean defaultChanged = !old.defaultExpression().equals(column.defaultExpression());
        if ((old.isGenerated() || column.isGenerated())
                && (!old.generated().equals(column.generated()) || defaultChanged || typeChanged)) {
            // a generation expression cannot be altered in place: drop the column and add it again
            dropColumn(table, old);
            add(Phase.COLUMNS, alterTable(table) + " ADD COLUMN " + columnDefinition(table, column) + ";");
            return;
        }
        String alter = alterTable(table) + " ALTER COLUMN " + names.quote(column.name());
        boolean dropDefault = !old.defaultExpression().isEmpty() && (typeChanged
                || defaultChanged && (column.defaultExpression().isEmpty() || old.defaultExpression().contains("nextval(")));
        if (dropDefault) {
            add(Phase.PREPARE_COLUMNS, alter + " DROP DEFAULT;");
        }
        if (old.isIdentity() && !column.isIdentity()) {
            add(Phase.PREPARE_COLUMNS, alter + " DROP IDENTITY;");
        }
        if (typeChanged) {
            String using = enumRecreated
                    ? names.quote(column.name()) + "::text" + (column.type().endsWith("[]") ? "[]" : "") + "::" + column.type()
                    : names.quote(column.name()) + "::" + column.type();
            add(Phase.COLUMNS, alter + " TYPE " + column.type() + " USING " + using + ";");
            reshapedTables.add(table.key());
            if (!old.type().equals(column.type())) {
                warn(Phase.COLUMNS, Warnings.autogenerateChangesColumnType(names.shown(table.schema(), table.name()),
                        column.name(), old.type(), column.type()));
            }
        }
        if (old.notNull() != column.notNull()) {
            add(Phase.COLUMNS, alter + (column.notNull() ? " SET NOT NULL;" : " DROP NOT NULL;"));
        }
        if (!column.defaultExpression().isEmpty() && (defaultChanged || dropDefault)) {
            add(Phase.COLUMNS, alter + " SET DEFAULT " + column.defaultExpression() + ";");
        }
        if (column.isIdentity()) {
            if (!old.isIdentity()) {
                add(Phase.COLUMNS, alter + " ADD " + identity(table, column) + ";");
            } else {
                if (!old.identity().equals(column.identity())) {
                    add(Phase.COLUMNS, alter + " SET GENERATED " + (column.identity().equals("a") ? "ALWAYS" : "BY DEFAULT")
                            + ";");
                }
                Sequence before = identitySequence(fromSequences, table, old);
                Sequence after = identitySequence(toSequences, table, column);
                if (before != null && after != null) {
                    List<String> changed = sequenceChanges(before, after, false);
                    if (!changed.isEmpty()) {
                        add(Phase.COLUMNS, alter + " SET " + String.join(" SET ", changed) + ";");
                    }
                }
            }
        }
    }

    /** A column as CREATE TABLE and ADD COLUMN write it; a serial's sequence becomes {@code bigserial} when it can. */
    private String columnDefinition(Table table, Column column) {
        String serial = serialType(table, column);
        if (!serial.isEmpty()) {
            return names.quote(column.name()) + " " + serial;
        }
        StringBuilder sql = new StringBuilder(names.quote(column.name())).append(' ').append(column.type());
        if (column.isGenerated()) {
            sql.append(" GENERATED ALWAYS AS (").append(column.defaultExpression())
                    .append(column.isVirtual() ? ") VIRTUAL" : ") STORED");
        }
        if (column.isIdentity()) {
            sql.append(' ').append(identity(table, column));
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        if (!column.defaultExpression().isEmpty() && !column.isGenerated()) {
            sql.append(" DEFAULT ").append(column.defaultExpression());
        }
        return sql.toString();
    }

    /**
     * "serial", "bigserial" or "smallserial" when the column is exactly what that shorthand creates (a new
     * owned sequence named table_column_seq with default options, and the column's default taken from
     * it); else empty, and the sequence is written out.
     */
    private String serialType(Table table, Column column) {
        if (column.isIdentity() || column.isGenerated() || !column.notNull()) {
            return "";
        }
        String serial = switch (column.type()) {
            case "smallint" -> "smallserial";
            case "integer" -> "serial";
            case "bigint" -> "bigserial";
            default -> "";
        };
        String sequenceName = table.name() + "_" + column.name() + "_seq";
        Sequence sequence = toSequences.get(table.schema() + "." + sequenceName);
        if (serial.isEmpty() || sequence == null || sequence.identity() || fromSequences.containsKey(sequence.key())
                || !sequence.owner().equals(table.key() + "." + column.name()) || !sequence.dataType().equals(column.type())
                || !sequenceOptions(sequence).isEmpty()) {
            return "";
        }
        String local = "nextval(" + Names.literal(names.quote(sequenceName)) + "::regclass)";
        String qualified = "nextval(" + Names.literal(names.quote(table.schema()) + "." + names.quote(sequenceName))
                + "::regclass)";
        if (!column.defaultExpression().equals(local) && !column.defaultExpression().equals(qualified)) {
            return "";
        }
        serialSequences.add(sequence.key());
        return serial;
    }

    private String identity(Table table, Column column) {
        String sql = "GENERATED " + (column.identity().equals("a") ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
        Sequence sequence = identitySequence(toSequences, table, column);
        if (sequence == null) {
            return sql;
        }
        List<String> options = new ArrayList<>();
        if (!sequence.name().equals(table.name() + "_" + column.name() + "_seq")) {
            options.add("SEQUENCE NAME " + names.qualified(sequence.schema(), sequence.name()));
        }
        options.addAll(sequenceOptions(sequence));
        return options.isEmpty() ? sql : sql + " (" + String.join(" ", options) + ")";
    }

    private static Sequence identitySequence(Map<String, Sequence> sequences, Table table, Column column) {
        String owner = table.key() + "." + column.name();
        return sequences.values().stream().filter(s -> s.identity() && s.owner().equals(owner)).findFirst().orElse(null);
    }

    private String alterTable(Table table) {
        return "ALTER TABLE " + names.qualified(table.schema(), table.name());
    }

    // --- views ---------------------------------------------------------------------------------

    private void views() {
        Map<String, View> fromViews = from.viewsByKey();
        Map<String, View> toViews = to.viewsByKey();
        for (View view : fromViews.values()) {
            View wanted = toViews.get(view.key());
            if (wanted == null || wanted.materialized() != view.materialized()
                    || !wanted.definition().equals(view.definition())) {
                droppedViews.add(view.key());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View view : fromViews.values()) {
                if (!droppedViews.contains(view.key()) && view.dependsOn().stream().anyMatch(
                        r -> reshapedTables.contains(r) || droppedViews.contains(r) || !toTables.containsKey(r)
                                && fromTables.containsKey(r))) {
                    droppedViews.add(view.key());
                    grew = true;
                }
            }
        }
        List<View> drops = ordered(fromViews, droppedViews);
        for (int i = drops.size() - 1; i >= 0; i--) {
            View view = drops.get(i);
            add(Phase.DROP_VIEWS, "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                    + names.qualified(view.schema(), view.name()) + ";");
        }
        for (View view : toViews.values()) {
            if (!fromViews.containsKey(view.key()) || droppedViews.contains(view.key())) {
                createdViews.add(view.key());
            }
        }
        for (View view : ordered(toViews, createdViews)) {
            String definition = view.definition().strip();
            if (definition.endsWith(";")) {
                definition = definition.substring(0, definition.length() - 1);
            }
            add(Phase.CREATE_VIEWS, "CREATE " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                    + names.qualified(view.schema(), view.name()) + " AS\n " + definition + ";");
        }
    }

    /** The chosen views, each after the views it reads (by key, for a stable order). */
    private static List<View> ordered(Map<String, View> views, Set<String> chosen) {
        List<View> result = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<String> left = new TreeSet<>(chosen);
        while (!left.isEmpty()) {
            String next = left.stream().filter(k -> views.get(k).dependsOn().stream()
                    .noneMatch(d -> left.contains(d) && !placed.contains(d))).findFirst().orElse(left.iterator().next());
            left.remove(next);
            placed.add(next);
            result.add(views.get(next));
        }
        return result;
    }

    // --- sequences -----------------------------------------------------------------------------

    private void sequences() {
        Predicate<Sequence> plain = s -> !s.identity();
        Map<String, Sequence> before = filtered(fromSequences, plain);
        Map<String, Sequence> after = filtered(toSequences, plain);
        for (String key : union(before.keySet(), after.keySet())) {
            Sequence f = before.get(key);
            Sequence t = after.get(key);
            if (f == null) {
                if (!serialSequences.contains(key)) {
                    List<String> options = sequenceOptions(t);
                    add(Phase.SEQUENCES, "CREATE SEQUENCE " + names.qualified(t.schema(), t.name())
                            + (t.dataType().equals("bigint") ? "" : " AS " + t.dataType())
                            + (options.isEmpty() ? "" : " " + String.join(" ", options)) + ";");
                    own(t);
                }
            } else if (t == null) {
                boolean goesWithItsColumn = f.isOwned()
                        && (droppedTables.contains(f.ownerTable()) || !toTables.containsKey(f.ownerTable())
                        || droppedColumns.contains(f.owner()));
                if (!goesWithItsColumn) {
                    add(Phase.DROP_SEQUENCES, "DROP SEQUENCE " + names.qualified(f.schema(), f.name()) + ";");
                }
            } else {
                List<String> changes = sequenceChanges(f, t, true);
                if (!changes.isEmpty()) {
                    add(Phase.SEQUENCES, "ALTER SEQUENCE " + names.qualified(t.schema(), t.name()) + " "
                            + String.join(" ", changes) + ";");
                }
                if (!f.owner().equals(t.owner())) {
                    if (f.isOwned()) {
                        add(Phase.PREPARE_COLUMNS, "ALTER SEQUENCE " + names.qualified(f.schema(), f.name())
                                + " OWNED BY NONE;");
                    }
                    own(t);
                }
            }
        }
    }

    private void own(Sequence sequence) {
        if (sequence.isOwned()) {
            add(Phase.OWN_SEQUENCES, "ALTER SEQUENCE " + names.qualified(sequence.schema(), sequence.name())
                    + " OWNED BY " + names.qualified(sequence.ownerTable()) + "." + names.quote(sequence.ownerColumn())
                    + ";");
        }
    }

    /** The options a CREATE SEQUENCE (or identity) needs beyond the defaults for its type and direction. */
    private static List<String> sequenceOptions(Sequence s) {
        List<String> options = new ArrayList<>();
        boolean ascending = s.increment() > 0;
        long defaultMin = ascending ? 1 : minOf(s.dataType());
        long defaultMax = ascending ? maxOf(s.dataType()) : -1;
        if (s.increment() != 1) {
            options.add("INCREMENT BY " + s.increment());
        }
        if (s.min() != defaultMin) {
            options.add("MINVALUE " + s.min());
        }
        if (s.max() != defaultMax) {
            options.add("MAXVALUE " + s.max());
        }
        if (s.start() != (ascending ? s.min() : s.max())) {
            options.add("START WITH " + s.start());
        }
        if (s.cache() != 1) {
            options.add("CACHE " + s.cache());
        }
        if (s.cycle()) {
            options.add("CYCLE");
        }
        return options;
    }

    /** The options that differ, as ALTER SEQUENCE (or ALTER COLUMN … SET, without AS) takes them. */
    private static List<String> sequenceChanges(Sequence f, Sequence t, boolean withType) {
        List<String> changes = new ArrayList<>();
        boolean retyped = withType && !f.dataType().equals(t.dataType());
        if (retyped) {
            changes.add("AS " + t.dataType());
        }
        if (f.increment() != t.increment()) {
            changes.add("INCREMENT BY " + t.increment());
        }
        if (retyped || f.min() != t.min()) {
            changes.add("MINVALUE " + t.min());
        }
        if (retyped || f.max() != t.max()) {
            changes.add("MAXVALUE " + t.max());
        }
        if (f.start() != t.start()) {
            changes.add("START WITH " + t.start());
        }
        if (f.cache() != t.cache()) {
            changes.add("CACHE " + t.cache());
        }
        if (f.cycle() != t.cycle()) {
            changes.add(t.cycle() ? "CYCLE" : "NO CYCLE");
        }
        return changes;
    }

    private static long maxOf(String type) {
        return switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    private static long minOf(String type) {
        return switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    // --- constraints, indexes, foreign keys ------------------------------------------------------

    private void constraints() {
        Predicate<Constraint> key = c -> KEY_ORDER.contains(c.type());
        Map<String, Constraint> before = filtered(from.constraintsByKey(), key);
        Map<String, Constraint> after = filtered(to.constraintsByKey(), key);
        for (String k : union(before.keySet(), after.keySet())) {
            Constraint f = before.get(k);
            Constraint t = after.get(k);
            boolean changed = f == null || t == null || !f.type().equals(t.type()) || !f.definition().equals(t.definition());
            if (!changed) {
                continue;
            }
            if (f != null && !droppedTables.contains(f.tableKey())) {
                add(Phase.DROP_CONSTRAINTS, "ALTER TABLE " + names.qualified(f.tableKey()) + " DROP CONSTRAINT "
                        + names.quote(f.name()) + ";");
                if (!f.type().equals("c")) {
                    rekeyedTables.add(f.tableKey());
                }
            }
            if (t != null && !newTables.contains(t.tableKey())) {
                add(Phase.ADD_CONSTRAINTS, "ALTER TABLE " + names.qualified(t.tableKey()) + " ADD CONSTRAINT "
                        + names.quote(t.name()) + " " + t.definition() + ";");
            }
        }
    }

    private void indexes() {
        Predicate<Index> own = i -> !i.backsConstraint();
        Map<String, Index> before = filtered(from.indexesByKey(), own);
        Map<String, Index> after = filtered(to.indexesByKey(), own);
        for (String k : union(before.keySet(), after.keySet())) {
            Index f = before.get(k);
            Index t = after.get(k);
            boolean changed = f == null || t == null || !f.definition().equals(t.definition())
                    || !f.tableKey().equals(t.tableKey());
            if (f != null && changed && !droppedTables.contains(f.tableKey()) && !droppedViews.contains(f.tableKey())) {
                add(Phase.DROP_INDEXES, "DROP INDEX " + names.qualified(f.schema(), f.name()) + ";");
                if (f.definition().startsWith("CREATE UNIQUE")) {
                    rekeyedTables.add(f.tableKey());
                }
            }
            if (t != null && (changed || newTables.contains(t.tableKey()) || createdViews.contains(t.tableKey()))) {
                add(Phase.CREATE_INDEXES, t.definition() + ";");
            }
        }
    }

    private void foreignKeys() {
        Map<String, Constraint> before = filtered(from.constraintsByKey(), Constraint::isForeignKey);
        Map<String, Constraint> after = filtered(to.constraintsByKey(), Constraint::isForeignKey);
        for (String k : union(before.keySet(), after.keySet())) {
            Constraint f = before.get(k);
            Constraint t = after.get(k);
            boolean changed = f == null || t == null || !f.definition().equals(t.definition())
                    || rekeyedTables.contains(t.references());
            if (!changed) {
                continue;
            }
            // a foreign key of a dropped table goes with it, unless it holds another dropped table back
            boolean goesWithTable = f != null && droppedTables.contains(f.tableKey())
                    && !(droppedTables.contains(f.references()) && holdsBack(f));
            if (f != null && !goesWithTable) {
                add(Phase.DROP_FOREIGN_KEYS, "ALTER TABLE " + names.qualified(f.tableKey()) + " DROP CONSTRAINT "
                        + names.quote(f.name()) + ";");
            }
            if (t != null) {
                add(Phase.ADD_FOREIGN_KEYS, "ALTER TABLE " + names.qualified(t.tableKey()) + " ADD CONSTRAINT "
                        + names.quote(t.name()) + " " + t.definition() + ";");
            }
        }
    }

    // --- dropped tables ------------------------------------------------------------------------

    private List<String> dropOrder;

    /**
     * Dropped tables in an order where each goes before the tables it references; tables that reference
     * each other in a cycle keep the order of their names, and their foreign keys are dropped first.
     */
    private List<String> dropOrder() {
        if (dropOrder == null) {
            List<Constraint> keys = from.constraints().stream().filter(c -> c.isForeignKey()
                    && droppedTables.contains(c.tableKey()) && droppedTables.contains(c.references())
                    && !c.tableKey().equals(c.references())).toList();
            List<String> order = new ArrayList<>();
            Set<String> left = new TreeSet<>(droppedTables);
            while (!left.isEmpty()) {
                // a table nobody left references can go now
                String next = left.stream().filter(table -> keys.stream().noneMatch(c -> c.references().equals(table)
                        && left.contains(c.tableKey()) && !c.tableKey().equals(table))).findFirst().orElse(null);
                if (next == null) {
                    order.addAll(left);
                    break;
                }
                left.remove(next);
                order.add(next);
            }
            dropOrder = order;
        }
        return dropOrder;
    }

    /** Whether dropping the referenced table before the referencing one would fail without dropping this key first. */
    private boolean holdsBack(Constraint foreignKey) {
        List<String> order = dropOrder();
        return order.indexOf(foreignKey.references()) < order.indexOf(foreignKey.tableKey());
    }

    private void droppedTables() {
        for (String key : dropOrder()) {
            Table table = fromTables.get(key);
            add(Phase.DROP_TABLES, "DROP TABLE " + names.qualified(table.schema(), table.name()) + ";");
            warn(Phase.DROP_TABLES, Warnings.autogenerateDropsTable(names.shown(key), undo));
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void add(Phase phase, String sql) {
        statements.get(phase).add(sql);
    }

    /** A warning, listed in the order of the statement it is about. */
    private void warn(Phase phase, String warning) {
        warnings.get(phase).add(warning);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> Map<String, T> filtered(Map<String, T> items, Predicate<T> keep) {
        Map<String, T> result = new java.util.LinkedHashMap<>();
        items.forEach((k, v) -> {
            if (keep.test(v)) {
                result.put(k, v);
            }
        });
        return result;
    }
}
