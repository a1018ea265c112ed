package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.CatalogModel.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statements that turn one catalog ({@code from}) into another ({@code to}): tables, columns
 * (type, nullability, default, identity, generated), primary keys, unique, check and exclusion
 * constraints, foreign keys, indexes, standalone sequences (a serial's or identity's sequence goes with
 * its column), enum types and views. Renames are not guessed: an object that is only on one side is
 * dropped or created. Each kind is compared by its own class ({@link EnumDiff}, {@link TableDiff}, {@link ViewDiff},
 * {@link SequenceDiff}, {@link KeyDiff}) into one {@link DiffPlan}, which orders the statements in phases, so that
 * what others depend on is created first and dropped last; the same comparison run the other way round writes the
 * undo script.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /**
     * The script that turns {@code from} into {@code to}. {@code undo} says it is the downgrade's script,
     * which only changes the wording of its warnings (a downgrade backs up what it drops).
     */
    public static GeneratedScript between(CatalogModel from, CatalogModel to, Names names, boolean undo) {
        DiffPlan plan = new DiffPlan(from, to, names, undo);
        EnumDiff enums = new EnumDiff(plan);
        TableDiff tables = new TableDiff(plan);
        KeyDiff keys = new KeyDiff(plan);
        // in this order: each comparison reads what the ones before it found
        enums.compare();
        tables.compare();
        enums.functions();
        new ViewDiff(plan).compare();
        new SequenceDiff(plan).compare();
        keys.constraints();
        keys.indexes();
        keys.foreignKeys();
        tables.dropTables();
        return plan.render();
    }

    /** Differences this class cannot write, in either direction, one line each; empty when there are none. */
    public static List<String> unsupported(CatalogModel from, CatalogModel to, Names names) {
        List<String> found = new ArrayList<>();
        Map<String, CatalogModel.Routine> fromFunctions = from.functionsByKey();
        Map<String, CatalogModel.Routine> toFunctions = to.functionsByKey();
        for (String key : DiffPlan.union(fromFunctions.keySet(), toFunctions.keySet())) {
            if (!Objects.equals(fromFunctions.get(key), toFunctions.get(key))) {
                found.add(Warnings.autogenerateNoFunctions(names.shown(key)));
            }
        }
        Map<String, Table> fromTables = from.tablesByKey();
        Map<String, Table> toTables = to.tablesByKey();
        for (String key : DiffPlan.union(fromTables.keySet(), toTables.keySet())) {
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
}
