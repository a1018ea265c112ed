package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.autogen.DiffPlan.Phase;
import io.dbmigrate.engine.schema.CatalogModel.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Views and materialized views: dropped when they change or read a table that is reshaped or dropped, created again
 * after it, each after the views it reads.
 */
final class ViewDiff {
    private final DiffPlan plan;
    private final Names names;

    ViewDiff(DiffPlan plan) {
        this.plan = plan;
        this.names = plan.names;
    }

    void compare() {
        Map<String, View> fromViews = plan.from.viewsByKey();
        Map<String, View> toViews = plan.to.viewsByKey();
        for (View view : fromViews.values()) {
            View wanted = toViews.get(view.key());
            if (wanted == null || wanted.materialized() != view.materialized()
                    || !wanted.definition().equals(view.definition())) {
                plan.droppedViews.add(view.key());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View view : fromViews.values()) {
                if (!plan.droppedViews.contains(view.key()) && view.dependsOn().stream().anyMatch(
                        r -> plan.reshapedTables.contains(r) || plan.droppedViews.contains(r)
                                || !plan.toTables.containsKey(r) && plan.fromTables.containsKey(r))) {
                    plan.droppedViews.add(view.key());
                    grew = true;
                }
            }
        }
        List<View> drops = ordered(fromViews, plan.droppedViews);
        for (int i = drops.size() - 1; i >= 0; i--) {
            View view = drops.get(i);
            plan.add(Phase.DROP_VIEWS, "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                    + names.qualified(view.schema(), view.name()) + ";");
        }
        for (View view : toViews.values()) {
            if (!fromViews.containsKey(view.key()) || plan.droppedViews.contains(view.key())) {
                plan.createdViews.add(view.key());
            }
        }
        for (View view : ordered(toViews, plan.createdViews)) {
            String definition = view.definition().strip();
            if (definition.endsWith(";")) {
                definition = definition.substring(0, definition.length() - 1);
            }
            plan.add(Phase.CREATE_VIEWS, "CREATE " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
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
}
