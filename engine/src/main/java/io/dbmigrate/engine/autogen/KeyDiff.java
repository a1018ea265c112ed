package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.autogen.DiffPlan.Phase;
import io.dbmigrate.engine.schema.CatalogModel.Constraint;
import io.dbmigrate.engine.schema.CatalogModel.Index;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Primary keys, unique, check and exclusion constraints of existing tables, indexes, and foreign keys (rebuilt when
 * the key they reference is).
 */
final class KeyDiff {
    private final DiffPlan plan;
    private final Names names;

    KeyDiff(DiffPlan plan) {
        this.plan = plan;
        this.names = plan.names;
    }

    void constraints() {
        Predicate<Constraint> key = c -> DiffPlan.KEY_ORDER.contains(c.type());
        Map<String, Constraint> before = DiffPlan.filtered(plan.from.constraintsByKey(), key);
        Map<String, Constraint> after = DiffPlan.filtered(plan.to.constraintsByKey(), key);
        for (String k : DiffPlan.union(before.keySet(), after.keySet())) {
            Constraint f = before.get(k);
            Constraint t = after.get(k);
            boolean changed = f == null || t == null || !f.type().equals(t.type()) || !f.definition().equals(t.definition());
            if (!changed) {
                continue;
            }
            if (f != null && !plan.droppedTables.contains(f.tableKey())) {
                plan.add(Phase.DROP_CONSTRAINTS, "ALTER TABLE " + names.qualified(f.tableKey()) + " DROP CONSTRAINT "
                        + names.quote(f.name()) + ";");
                if (!f.type().equals("c")) {
                    plan.rekeyedTables.add(f.tableKey());
                }
            }
            if (t != null && !plan.newTables.contains(t.tableKey())) {
                plan.add(Phase.ADD_CONSTRAINTS, "ALTER TABLE " + names.qualified(t.tableKey()) + " ADD CONSTRAINT "
                        + names.quote(t.name()) + " " + t.definition() + ";");
            }
        }
    }

    void indexes() {
        Predicate<Index> own = i -> !i.backsConstraint();
        Map<String, Index> before = DiffPlan.filtered(plan.from.indexesByKey(), own);
        Map<String, Index> after = DiffPlan.filtered(plan.to.indexesByKey(), own);
        for (String k : DiffPlan.union(before.keySet(), after.keySet())) {
            Index f = before.get(k);
            Index t = after.get(k);
            boolean changed = f == null || t == null || !f.definition().equals(t.definition())
                    || !f.tableKey().equals(t.tableKey()) || plan.rebuiltTables.contains(f.tableKey());
            if (f != null && changed && !plan.droppedTables.contains(f.tableKey())
                    && !plan.droppedViews.contains(f.tableKey())) {
                plan.add(Phase.DROP_INDEXES, "DROP INDEX " + names.qualified(f.schema(), f.name()) + ";");
                if (f.definition().startsWith("CREATE UNIQUE")) {
                    plan.rekeyedTables.add(f.tableKey());
                }
            }
            if (t != null && (changed || plan.newTables.contains(t.tableKey())
                    || plan.createdViews.contains(t.tableKey()))) {
                plan.add(Phase.CREATE_INDEXES, t.definition() + ";");
            }
        }
    }

    void foreignKeys() {
        Map<String, Constraint> before = DiffPlan.filtered(plan.from.constraintsByKey(), Constraint::isForeignKey);
        Map<String, Constraint> after = DiffPlan.filtered(plan.to.constraintsByKey(), Constraint::isForeignKey);
        for (String k : DiffPlan.union(before.keySet(), after.keySet())) {
            Constraint f = before.get(k);
            Constraint t = after.get(k);
            boolean changed = f == null || t == null || !f.definition().equals(t.definition())
                    || plan.rekeyedTables.contains(t.references());
            if (!changed) {
                continue;
            }
            // a foreign key of a dropped table goes with it, unless it holds another dropped table back
            boolean goesWithTable = f != null && plan.droppedTables.contains(f.tableKey())
                    && !(plan.droppedTables.contains(f.references()) && plan.holdsBack(f));
            if (f != null && !goesWithTable) {
                plan.add(Phase.DROP_FOREIGN_KEYS, "ALTER TABLE " + names.qualified(f.tableKey()) + " DROP CONSTRAINT "
                        + names.quote(f.name()) + ";");
            }
            if (t != null) {
                plan.add(Phase.ADD_FOREIGN_KEYS, "ALTER TABLE " + names.qualified(t.tableKey()) + " ADD CONSTRAINT "
                        + names.quote(t.name()) + " " + t.definition() + ";");
            }
        }
    }
}
