package io.dbmigrate.engine.schema;

import io.dbmigrate.engine.history.AuditLog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The structure of some schemas, read from the catalog in one place: tables and views with their
 * columns, constraints, indexes, sequences, enum types and functions. Expressions (defaults, checks,
 * index and view definitions) are the server's own deparsed text, so they are relative to the reading
 * connection's search_path. Flyway's history and our audit table are left out: they are bookkeeping,
 * not schema. {@link SchemaSnapshot} is derived from this.
 */
public record CatalogModel(List<Table> tables, List<View> views, List<Constraint> constraints, List<Index> indexes,
                           List<Sequence> sequences, List<EnumType> enums, List<Routine> functions) {

    /** Something that lives in a schema. */
    public interface Named {
        String schema();

        String name();

        default String key() {
            return schema() + "." + name();
        }
    }

    /**
     * A column of a table or view. {@code defaultExpression} is the default, or the generation
     * expression when {@code generated} is "s" (stored) or "v" (virtual, from PostgreSQL 18); {@code identity}
     * is "a" (always), "d" (by default) or empty; {@code baseType} names the column's type (its element type for
     * an array) as schema.name.
     */
    public record Column(String name, String type, boolean notNull, String defaultExpression, String identity,
                         String generated, String baseType) {
        public boolean isIdentity() {
            return !identity.isEmpty();
        }

        public boolean isGenerated() {
            return !generated.isEmpty();
        }

        public boolean isVirtual() {
            return generated.equals("v");
        }
    }

    /** A table: {@code kind} "r" (ordinary) or "p" (partitioned); {@code partition} when it is one's partition. */
    public record Table(String schema, String name, String kind, boolean partition, List<Column> columns)
            implements Named {
        public Table {
            columns = List.copyOf(columns);
        }

        public Map<String, Column> columnsByName() {
            return byName(columns, Column::name);
        }
    }

    /** A view or materialized view, with what it reads from (relations as schema.name). */
    public record View(String schema, String name, boolean materialized, String definition, List<Column> columns,
                       List<String> dependsOn) implements Named {
        public View {
            columns = List.copyOf(columns);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /**
     * A table constraint: {@code type} is pg_constraint.contype (p, u, c, f, x; t is read but is not a separate
     * object to write); {@code references} is the referenced table of a foreign key. PostgreSQL 18's NOT NULL
     * constraints (n) are left out: {@link Column#notNull} says the same, and their names, which a rename keeps,
     * are no part of a schema's meaning.
     */
    public record Constraint(String schema, String table, String name, String type, String definition,
                             String references) {
        public String key() {
            return schema + "." + table + "." + name;
        }

        public String tableKey() {
            return schema + "." + table;
        }

        public boolean isForeignKey() {
            return type.equals("f");
        }
    }

    /** An index; {@code backsConstraint} when a primary key, unique or exclusion constraint owns it. */
    public record Index(String schema, String table, String name, String definition, boolean backsConstraint)
            implements Named {
        public String tableKey() {
            return schema + "." + table;
        }
    }

    /**
     * A sequence; {@code ownerTable}/{@code ownerColumn} name the column that owns it (a serial's, or
     * OWNED BY; empty when standalone); {@code identity} when it is an identity column's.
     */
    public record Sequence(String schema, String name, String dataType, long start, long increment, long min,
                           long max, long cache, boolean cycle, String ownerTable, String ownerColumn,
                           boolean identity) implements Named {
        public boolean isOwned() {
            return !ownerTable.isEmpty();
        }

        /** The owning column as schema.table.column, or empty. */
        public String owner() {
            return isOwned() ? ownerTable + "." + ownerColumn : "";
        }
    }

    public record EnumType(String schema, String name, List<String> labels) implements Named {
        public EnumType {
            labels = List.copyOf(labels);
        }
    }

    /**
     * A function or procedure: {@code signature} is name(identity arguments); {@code types} are the types (schema.name,
     * an array's element type) its arguments and result use, as pg_depend records them.
     */
    public record Routine(String schema, String signature, String definition, List<String> types) {
        public Routine {
            types = List.copyOf(types);
        }

        public String key() {
            return schema + "." + signature;
        }
    }

    public CatalogModel {
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
        functions = List.copyOf(functions);
    }

    public static CatalogModel read(Connection connection, List<String> schemas) throws SQLException {
        Reader reader = new Reader(connection, schemas.toArray(String[]::new));
        Map<String, List<Column>> columns = reader.columns();
        Map<String, List<String>> dependencies = reader.viewDependencies();
        List<Table> tables = new ArrayList<>();
        List<View> views = new ArrayList<>();
        reader.query("SELECT n.nspname, c.relname, c.relkind::text, c.relispartition,"
                + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
                + " AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname " + CatalogQuery.NOT_OURS, rs -> {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    List<Column> own = columns.getOrDefault(key, List.of());
                    String kind = rs.getString(3);
                    if (kind.equals("r") || kind.equals("p")) {
                        tables.add(new Table(rs.getString(1), rs.getString(2), kind, rs.getBoolean(4), own));
                    } else {
                        views.add(new View(rs.getString(1), rs.getString(2), kind.equals("m"),
                                Objects.toString(rs.getString(5), ""), own, dependencies.getOrDefault(key, List.of())));
                    }
                });
        List<Constraint> constraints = new ArrayList<>();
        reader.query("SELECT n.nspname, c.relname, k.conname, k.contype::text, pg_get_constraintdef(k.oid),"
                + " CASE WHEN k.contype = 'f' THEN fn.nspname || '.' || f.relname ELSE '' END"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_class f ON f.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace"
                + " WHERE n.nspname = ANY (?) AND k.contype <> 'n' AND c.relname " + CatalogQuery.NOT_OURS,
                rs -> constraints.add(new Constraint(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Objects.toString(rs.getString(5), ""), Objects.toString(rs.getString(6), ""))));
        List<Index> indexes = new ArrayList<>();
        reader.query("SELECT n.nspname, c.relname, i.relname, pg_get_indexdef(i.oid), EXISTS (SELECT 1 FROM"
                + " pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = c.oid AND k.contype IN ('p', 'u', 'x'))"
                + " FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
                + " AND c.relkind IN ('r', 'm', 'p') AND i.relkind IN ('i', 'I') AND c.relname " + CatalogQuery.NOT_OURS,
                rs -> indexes.add(new Index(rs.getString(1), rs.getString(2), rs.getString(3),
                        Objects.toString(rs.getString(4), ""), rs.getBoolean(5))));
        List<Sequence> sequences = new ArrayList<>();
        reader.query("SELECT s.schemaname, s.sequencename, s.data_type::text, s.start_value, s.increment_by,"
                + " s.min_value, s.max_value, s.cache_size, s.cycle, own.nspname || '.' || oc.relname, oa.attname,"
                + " coalesce(d.deptype = 'i', false)"
                + " FROM pg_sequences s JOIN pg_namespace sn ON sn.nspname = s.schemaname"
                + " JOIN pg_class sc ON sc.relnamespace = sn.oid AND sc.relname = s.sequencename"
                + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid"
                + " AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')"
                + " LEFT JOIN pg_class oc ON oc.oid = d.refobjid LEFT JOIN pg_namespace own ON own.oid = oc.relnamespace"
                + " LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid"
                + " WHERE s.schemaname = ANY (?) AND s.sequencename NOT LIKE '" + AuditLog.TABLE + "%'",
                rs -> sequences.add(new Sequence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9),
                        Objects.toString(rs.getString(10), ""), Objects.toString(rs.getString(11), ""),
                        rs.getBoolean(12))));
        List<EnumType> enums = new ArrayList<>();
        reader.query("SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid"
                + " WHERE n.nspname = ANY (?) GROUP BY n.nspname, t.typname",
                rs -> enums.add(new EnumType(rs.getString(1), rs.getString(2), strings(rs.getArray(3)))));
        List<Routine> functions = new ArrayList<>();
        reader.query("SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
                + " pg_get_functiondef(p.oid), (SELECT array_agg(DISTINCT tn.nspname || '.' || t.typname)"
                + " FROM pg_depend d JOIN pg_type u ON u.oid = d.refobjid"
                + " LEFT JOIN pg_type e ON e.oid = u.typelem AND u.typcategory = 'A'"
                + " JOIN pg_type t ON t.oid = coalesce(e.oid, u.oid) JOIN pg_namespace tn ON tn.oid = t.typnamespace"
                + " WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_type'::regclass"
                + " AND d.deptype = 'n')"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p')",
                rs -> functions.add(new Routine(rs.getString(1), rs.getString(2), Objects.toString(rs.getString(3), ""),
                        strings(rs.getArray(4)))));
        return new CatalogModel(tables, views, constraints, indexes, sequences, enums, functions);
    }

    public Map<String, Table> tablesByKey() {
        return byName(tables, Table::key);
    }

    public Map<String, View> viewsByKey() {
        return byName(views, View::key);
    }

    public Map<String, Constraint> constraintsByKey() {
        return byName(constraints, Constraint::key);
    }

    public Map<String, Index> indexesByKey() {
        return byName(indexes, Index::key);
    }

    public Map<String, Sequence> sequencesByKey() {
        return byName(sequences, Sequence::key);
    }

    public Map<String, EnumType> enumsByKey() {
        return byName(enums, EnumType::key);
    }

    public Map<String, Routine> functionsByKey() {
        return byName(functions, Routine::key);
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Runs the catalog queries, each taking the schema names as its one parameter. */
    private record Reader(Connection connection, String[] schemas) {
        void query(String sql, CatalogQuery.Row row) throws SQLException {
            CatalogQuery.forEachRow(connection, sql, schemas, row);
        }

        Map<String, List<Column>> columns() throws SQLException {
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            query("SELECT n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                    + " pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,"
                    + " bn.nspname || '.' || b.typname"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " JOIN pg_type t ON t.oid = a.atttypid"
                    + " LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'"
                    + " JOIN pg_type b ON b.oid = coalesce(e.oid, t.oid) JOIN pg_namespace bn ON bn.oid = b.typnamespace"
                    + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0"
                    + " AND NOT a.attisdropped AND c.relname " + CatalogQuery.NOT_OURS + " ORDER BY 1, a.attnum", rs ->
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Column(rs.getString(2),
                            rs.getString(3), rs.getBoolean(4), Objects.toString(rs.getString(5), ""),
                            Objects.toString(rs.getString(6), ""), Objects.toString(rs.getString(7), ""),
                            rs.getString(8))));
            return columns;
        }

        /** For each view, the other relations its rules read. */
        Map<String, List<String>> viewDependencies() throws SQLException {
            Map<String, TreeSet<String>> found = new LinkedHashMap<>();
            query("SELECT DISTINCT vn.nspname || '.' || v.relname, dn.nspname || '.' || dc.relname"
                    + " FROM pg_class v JOIN pg_namespace vn ON vn.oid = v.relnamespace"
                    + " JOIN pg_rewrite r ON r.ev_class = v.oid"
                    + " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
                    + " AND d.refclassid = 'pg_class'::regclass"
                    + " JOIN pg_class dc ON dc.oid = d.refobjid JOIN pg_namespace dn ON dn.oid = dc.relnamespace"
                    + " WHERE vn.nspname = ANY (?) AND v.relkind IN ('v', 'm') AND dc.oid <> v.oid",
                    rs -> found.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)));
            Map<String, List<String>> result = new LinkedHashMap<>();
            found.forEach((view, relations) -> result.put(view, List.copyOf(relations)));
            return result;
        }
    }
}
