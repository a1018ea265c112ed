package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.autogen.DiffPlan.Phase;
import io.dbmigrate.engine.schema.CatalogModel.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Standalone sequences: created, dropped (unless they go with their column), their options and owner changed. A
 * serial's or identity's sequence is written with its column ({@link TableDiff}).
 */
final class SequenceDiff {
    private final DiffPlan plan;
    private final Names names;

    SequenceDiff(DiffPlan plan) {
        this.plan = plan;
        this.names = plan.names;
    }

    void compare() {
        Predicate<Sequence> plain = s -> !s.identity();
        Map<String, Sequence> before = DiffPlan.filtered(plan.fromSequences, plain);
        Map<String, Sequence> after = DiffPlan.filtered(plan.toSequences, plain);
        for (String key : DiffPlan.union(before.keySet(), after.keySet())) {
            Sequence f = before.get(key);
            Sequence t = after.get(key);
            if (f == null) {
                if (!plan.serialSequences.contains(key)) {
                    List<String> options = sequenceOptions(t);
                    plan.add(Phase.SEQUENCES, "CREATE SEQUENCE " + names.qualified(t.schema(), t.name())
                            + (t.dataType().equals("bigint") ? "" : " AS " + t.dataType())
                            + (options.isEmpty() ? "" : " " + String.join(" ", options)) + ";");
                    own(t);
                }
            } else if (t == null) {
                boolean goesWithItsColumn = f.isOwned()
                        && (plan.droppedTables.contains(f.ownerTable()) || !plan.toTables.containsKey(f.ownerTable())
                        || plan.droppedColumns.contains(f.owner()));
                if (!goesWithItsColumn) {
                    plan.add(Phase.DROP_SEQUENCES, "DROP SEQUENCE " + names.qualified(f.schema(), f.name()) + ";");
                }
            } else {
                List<String> changes = sequenceChanges(f, t, true);
                if (!changes.isEmpty()) {
                    plan.add(Phase.SEQUENCES, "ALTER SEQUENCE " + names.qualified(t.schema(), t.name()) + " "
                            + String.join(" ", changes) + ";");
                }
                if (!f.owner().equals(t.owner())) {
                    if (f.isOwned()) {
                        plan.add(Phase.PREPARE_COLUMNS, "ALTER SEQUENCE " + names.qualified(f.schema(), f.name())
                                + " OWNED BY NONE;");
                    }
                    own(t);
                }
            }
        }
    }

    private void own(Sequence sequence) {
        if (sequence.isOwned()) {
            plan.add(Phase.OWN_SEQUENCES, "ALTER SEQUENCE " + names.qualified(sequence.schema(), sequence.name())
                    + " OWNED BY " + names.qualified(sequence.ownerTable()) + "." + names.quote(sequence.ownerColumn())
                    + ";");
        }
    }

    /** The options a CREATE SEQUENCE (or identity) needs beyond the defaults for its type and direction. */
    static List<String> sequenceOptions(Sequence s) {
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
    static List<String> sequenceChanges(Sequence f, Sequence t, boolean withType) {
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
}
