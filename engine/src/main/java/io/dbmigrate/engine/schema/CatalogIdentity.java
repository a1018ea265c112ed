package io.dbmigrate.engine.schema;

import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of some schemas by identity (oid, and attnum for columns), as one database sees them. Two readings of
 * the same database, before and after a migration, tell a rename from a drop and an add: the oid stays, the name
 * changes. Meaningless across databases: {@link CatalogModel} is the name-based view for that.
 */
public record CatalogIdentity(Map<Long, Relation> relations, Map<String, Column> columns,
                              Map<Long, Constraint> constraints, Map<Long, Named> types, Map<Long, EnumLabel> labels,
                              Map<Long, Named> functions) {

    /** A table, partitioned table, view, materialized view, sequence or index: {@code kind} is pg_class.relkind. */
    public record Relation(long oid, String schema, String name, String kind) {
        public String key() {
            return schema + "." + name;
        }

        public boolean holdsRows() {
            return kind.equals("r") || kind.equals("p");
        }
    }

    /** A column by table oid and attnum; {@code type} as format_type shows it. */
    public record Column(long table, int attnum, String name, String type) {
        public String id() {
            return table + ":" + attnum;
        }
    }

    /** A constraint of a table: {@code type} is pg_constraint.contype. */
    public record Constraint(long oid, long table, String name, String type) {
    }

    /** A type or function: schema, name and, for a function, its identity arguments. */
    public record Named(long oid, String schema, String name, String arguments) {
    }

    /** A value of an enum type. */
    public record EnumLabel(long oid, long type, String label) {
    }

    public CatalogIdentity {
        relations = Map.copyOf(relations);
        columns = Map.copyOf(columns);
        constraints = Map.copyOf(constraints);
        types = Map.copyOf(types);
        labels = Map.copyOf(labels);
        functions = Map.copyOf(functions);
    }

    public static CatalogIdentity read(Connection connection, List<String> schemas) throws SQLException {
        String[] names = schemas.toArray(String[]::new);
        Map<Long, Relation> relations = new LinkedHashMap<>();
        query(connection, names, "SELECT c.oid, n.nspname, c.relname, c.relkind::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I') AND c.relname " + CatalogQuery.NOT_OURS
                + " AND c.relname NOT LIKE '" + AuditLog.TABLE + "%' AND c.relname NOT LIKE '" + HistoryTable.NAME + "%'",
                rs -> relations.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))));
        Map<String, Column> columns = new LinkedHashMap<>();
        query(connection, names, "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0"
                + " AND NOT a.attisdropped AND c.relname " + CatalogQuery.NOT_OURS, rs -> {
                    Column column = new Column(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4));
                    columns.put(column.id(), column);
                });
        Map<Long, Constraint> constraints = new LinkedHashMap<>();
        query(connection, names, "SELECT k.oid, k.conrelid, k.conname, k.contype::text FROM pg_constraint k"
                + " JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = ANY (?) AND k.conrelid <> 0"
                + " AND k.contype IN ('p', 'u', 'c', 'f', 'x')",
                rs -> constraints.put(rs.getLong(1), new Constraint(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4))));
        Map<Long, Named> types = new LinkedHashMap<>();
        query(connection, names, "SELECT t.oid, n.nspname, t.typname FROM pg_type t JOIN pg_namespace n"
                + " ON n.oid = t.typnamespace WHERE n.nspname = ANY (?) AND t.typtype IN ('e', 'd')",
                rs -> types.put(rs.getLong(1), new Named(rs.getLong(1), rs.getString(2), rs.getString(3), "")));
        Map<Long, EnumLabel> labels = new LinkedHashMap<>();
        query(connection, names, "SELECT e.oid, e.enumtypid, e.enumlabel FROM pg_enum e JOIN pg_type t"
                + " ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY (?)",
                rs -> labels.put(rs.getLong(1), new EnumLabel(rs.getLong(1), rs.getLong(2), rs.getString(3))));
        Map<Long, Named> functions = new LinkedHashMap<>();
        query(connection, names, "SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY (?)"
                + " AND p.prokind IN ('f', 'p')",
                rs -> functions.put(rs.getLong(1), new Named(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))));
        return new CatalogIdentity(relations, columns, constraints, types, labels, functions);
    }

    /** The schema names before the (long) SQL, which reads better at the call sites above. */
    private static void query(Connection connection, String[] schemas, String sql, CatalogQuery.Row row)
            throws SQLException {
        CatalogQuery.forEachRow(connection, sql, schemas, row);
    }
}
