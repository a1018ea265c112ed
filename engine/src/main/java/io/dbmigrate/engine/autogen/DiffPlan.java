package io.dbmigrate.engine.autogen;

import io.dbmigrate.engine.schema.CatalogModel;
import io.dbmigrate.engine.schema.CatalogModel.Constraint;
import io.dbmigrate.engine.schema.CatalogModel.Sequence;
import io.dbmigrate.engine.schema.CatalogModel.Table;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One {@link SchemaDiff} in progress: the two catalogs, the statements and warnings each kind's comparison adds, by the
 * phase they run in, and what one kind's comparison tells the next (a recreated enum retypes columns, a reshaped table
 * rebuilds its views, a dropped key its foreign keys). {@link #render} puts the statements in phase order.
 */
final class DiffPlan {

    /** The order statements run in: what others depend on is created first and dropped last. */
    enum Phase {
        DROP_VIEWS, DROP_FOREIGN_KEYS, DROP_INDEXES, DROP_CONSTRAINTS, PREPARE_COLUMNS, DROP_COLUMNS, DROP_TABLES,
        DROP_SEQUENCES, DROP_FUNCTIONS, TYPES, CREATE_FUNCTIONS, SEQUENCES, CREATE_TABLES, COLUMNS, OWN_SEQUENCES,
        ADD_CONSTRAINTS, ADD_FOREIGN_KEYS, DROP_TYPES, CREATE_VIEWS, CREATE_INDEXES
    }

    /** The constraint types a table is created with, in the order it lists them (foreign keys come later). */
    static final List<String> KEY_ORDER = List.of("p", "u", "x", "c");

    final CatalogModel from;
    final CatalogModel to;
    final Names names;
    /** The downgrade's script: only the wording of warnings changes (a downgrade backs up what it drops). */
    final boolean undo;
    final Map<String, Table> fromTables;
    final Map<String, Table> toTables;
    final Map<String, Sequence> fromSequences;
    final Map<String, Sequence> toSequences;

    final Set<String> droppedTables = new TreeSet<>();
    final Set<String> newTables = new TreeSet<>();
    final Set<String> recreatedEnums = new HashSet<>();
    final Set<String> serialSequences = new HashSet<>();
    final Set<String> droppedColumns = new HashSet<>();
    /** Tables with a column dropped or retyped: views reading them must be rebuilt. */
    final Set<String> reshapedTables = new HashSet<>();
    /** Tables whose primary key, unique constraint or unique index is dropped: foreign keys to them are rebuilt. */
    final Set<String> rekeyedTables = new HashSet<>();
    /** Tables with a generated column dropped and added again: its indexes went with it and are built again. */
    final Set<String> rebuiltTables = new HashSet<>();
    final Set<String> droppedViews = new HashSet<>();
    final Set<String> createdViews = new HashSet<>();

    private final Map<Phase, List<String>> statements = new EnumMap<>(Phase.class);
    private final Map<Phase, List<String>> warnings = new EnumMap<>(Phase.class);
    private List<String> dropOrder;

    DiffPlan(CatalogModel from, CatalogModel to, Names names, boolean undo) {
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

    void add(Phase phase, String sql) {
        statements.get(phase).add(sql);
    }

    /** A warning, listed in the order of the statement it is about. */
    void warn(Phase phase, String warning) {
        warnings.get(phase).add(warning);
    }

    GeneratedScript render() {
        List<String> all = new ArrayList<>();
        statements.values().forEach(all::addAll);
        List<String> warned = new ArrayList<>();
        warnings.values().forEach(warned::addAll);
        return new GeneratedScript(all, warned);
    }

    String alterTable(Table table) {
        return "ALTER TABLE " + names.qualified(table.schema(), table.name());
    }

    /**
     * Dropped tables in an order where each goes before the tables it references; tables that reference
     * each other in a cycle keep the order of their names, and their foreign keys are dropped first.
     */
    List<String> dropOrder() {
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
    boolean holdsBack(Constraint foreignKey) {
        List<String> order = dropOrder();
        return order.indexOf(foreignKey.references()) < order.indexOf(foreignKey.tableKey());
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static <T> Map<String, T> filtered(Map<String, T> items, Predicate<T> keep) {
        Map<String, T> result = new LinkedHashMap<>();
        items.forEach((k, v) -> {
            if (keep.test(v)) {
                result.put(k, v);
            }
        });
        return result;
    }
}
