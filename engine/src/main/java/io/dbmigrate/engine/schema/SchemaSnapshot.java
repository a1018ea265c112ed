package io.dbmigrate.engine.schema;

import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user-visible shape of some schemas, read from the catalog: tables, columns (type, nullability,
 * default), indexes, constraints (keys, checks, foreign keys), sequences, views, functions and enum
 * types. Keyed by object, so two snapshots compare into a readable difference. Flyway's history and our
 * audit table are left out: they are bookkeeping, not schema.
 */
public record SchemaSnapshot(Map<String, String> objects) {

    public SchemaSnapshot {
        objects = java.util.Collections.unmodifiableMap(new TreeMap<>(objects));
    }

    private static final String NOT_OURS = "NOT IN ('" + HistoryTable.NAME + "', '" + AuditLog.TABLE + "')";

    public static SchemaSnapshot read(Connection connection, List<String> schemas) throws SQLException {
        Map<String, String> objects = new TreeMap<>();
        String[] names = schemas.toArray(String[]::new);
        collect(connection, names, objects,
                "SELECT 'table ' || n.nspname || '.' || c.relname, c.relkind::text FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
                        + " AND c.relkind IN ('r', 'p') AND c.relname " + NOT_OURS);
        collect(connection, names, objects,
                "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname,"
                        + " format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                        + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0"
                        + " AND NOT a.attisdropped AND c.relname " + NOT_OURS);
        collect(connection, names, objects,
                "SELECT 'index ' || schemaname || '.' || indexname, indexdef FROM pg_indexes"
                        + " WHERE schemaname = ANY (?) AND tablename " + NOT_OURS);
        collect(connection, names, objects,
                "SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || k.conname, pg_get_constraintdef(k.oid)"
                        + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?)"
                        + " AND c.relname " + NOT_OURS);
        collect(connection, names, objects,
                "SELECT 'sequence ' || schemaname || '.' || sequencename, data_type::text || ' start ' || start_value"
                        + " || ' increment ' || increment_by FROM pg_sequences WHERE schemaname = ANY (?)"
                        + " AND sequencename NOT LIKE '" + AuditLog.TABLE + "%'");
        collect(connection, names, objects,
                "SELECT 'view ' || schemaname || '.' || viewname, definition FROM pg_views WHERE schemaname = ANY (?)");
        collect(connection, names, objects,
                "SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
                        + " || ')', pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p')");
        collect(connection, names, objects,
                "SELECT 'type ' || n.nspname || '.' || t.typname, 'enum (' || string_agg(e.enumlabel, ', '"
                        + " ORDER BY e.enumsortorder) || ')' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " JOIN pg_enum e ON e.enumtypid = t.oid WHERE n.nspname = ANY (?) GROUP BY n.nspname, t.typname");
        return new SchemaSnapshot(objects);
    }

    private static void collect(Connection connection, String[] schemas, Map<String, String> into, String sql)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("text", schemas));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getString(1), Objects.toString(rs.getString(2), ""));
                }
            }
        }
    }

    /** What differs, one line per object: "column public.tasks.priority: text default 'medium'::text → missing". */
    public List<String> differencesTo(SchemaSnapshot other) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(objects.keySet());
        keys.addAll(other.objects.keySet());
        for (String key : keys) {
            String before = objects.get(key);
            String after = other.objects.get(key);
            if (!Objects.equals(before, after)) {
                lines.add(key + ": " + shown(before) + " → " + shown(after));
            }
        }
        return lines;
    }

    private static String shown(String value) {
        if (value == null) {
            return "missing";
        }
        String oneLine = value.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }
}
