package io.dbmigrate.engine.history;

import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Catalog questions about the schema that holds Flyway's history table, asked with plain SQL. */
public final class HistoryTable {
    /** Flyway's default table name; db-migrate does not change it, so stock Flyway sees the same history. */
    public static final String NAME = "flyway_schema_history";

    private HistoryTable() {
    }

    public static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = ?")) {
            st.setString(1, schema);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether the schema holds anything but our own tables (Flyway refuses to migrate such a schema unbaselined). */
    public static boolean schemaHasObjects(Connection connection, String schema) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f')"
                        + " AND c.relname <> ALL (?) LIMIT 1")) {
            st.setString(1, schema);
            st.setArray(2, connection.createArrayOf("text", new Object[]{NAME, AuditLog.TABLE}));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Deletes the given history rows (by installed_rank) in the caller's transaction. */
    public static void deleteRows(Connection connection, String schema, List<Integer> installedRanks)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM " + Identifiers.quote(schema) + "." + NAME
                + " WHERE installed_rank = ANY (?)")) {
            st.setArray(1, connection.createArrayOf("integer", installedRanks.toArray()));
            st.executeUpdate();
        }
    }

    public static String currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT current_schema()");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            String schema = rs.getString(1);
            return schema == null ? "public" : schema;
        }
    }
}
