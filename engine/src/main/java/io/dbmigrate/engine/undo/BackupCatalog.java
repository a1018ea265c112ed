package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code db_migrate_backup.backup_catalog}: one row per copy a downgrade made (source, columns, key, migration
 * version, time, rows, actor, a view's definition, and when it was restored). Everything that lists, restores or
 * prunes backups reads this table, never the copies' names.
 */
public final class BackupCatalog {
    public static final String SCHEMA = "db_migrate_backup";
    public static final String TABLE = "backup_catalog";
    private static final String QUALIFIED = Identifiers.quote(SCHEMA, TABLE);

    private BackupCatalog() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("CREATE TABLE IF NOT EXISTS " + QUALIFIED + " ("
                    + "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, backup_table text UNIQUE,"
                    + " kind text NOT NULL, source_schema text NOT NULL, source_object text NOT NULL,"
                    + " source_columns text[] NOT NULL, key_columns text[] NOT NULL, migration_version text NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now(), row_count bigint NOT NULL,"
                    + " actor text NOT NULL, definition text, restored_at timestamptz, restored_by text)");
        }
    }

    /** Records a copy; returns it with its time. */
    static BackupTable add(Connection connection, BackupTable backup, String definition) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO " + QUALIFIED
                + " (backup_table, kind, source_schema, source_object, source_columns, key_columns, migration_version,"
                + " row_count, actor, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING created_at, id")) {
            st.setString(1, backup.table().isEmpty() ? null : backup.table());
            st.setString(2, backup.kind().name());
            st.setString(3, backup.schema());
            st.setString(4, backup.object());
            st.setArray(5, connection.createArrayOf("text", backup.columns().toArray()));
            st.setArray(6, connection.createArrayOf("text", backup.keyColumns().toArray()));
            st.setString(7, backup.version());
            st.setLong(8, backup.rows());
            st.setString(9, backup.actor());
            st.setString(10, definition);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new BackupTable(backup.kind(), backup.schema(), backup.object(), backup.columns(),
                        backup.keyColumns(), backup.table(), backup.rows(), backup.version(), instant(rs.getTimestamp(1)),
                        backup.actor(), 0, "", rs.getLong(2));
            }
        }
    }

    /** Every backup kept, oldest first, with its size on disk; empty when no downgrade ever kept one. */
    public static List<BackupTable> list(Connection connection) throws SQLException {
        List<BackupTable> backups = new ArrayList<>();
        if (!exists(connection)) {
            return backups;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, kind, source_schema, source_object, source_columns, key_columns,"
                     + " coalesce(backup_table, ''), row_count, migration_version, created_at, actor,"
                     + " coalesce(pg_total_relation_size(to_regclass(quote_ident('" + SCHEMA + "') || '.'"
                     + " || quote_ident(substr(backup_table, " + (SCHEMA.length() + 2) + ")))), 0), restored_at FROM "
                     + QUALIFIED + " ORDER BY id")) {
            while (rs.next()) {
                backups.add(new BackupTable(BackupTable.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        strings(rs.getArray(5)), strings(rs.getArray(6)), rs.getString(7), rs.getLong(8),
                        rs.getString(9), instant(rs.getTimestamp(10)), rs.getString(11), rs.getLong(12),
                        instant(rs.getTimestamp(13)), rs.getLong(1)));
            }
        }
        return backups;
    }

    public static void markRestored(Connection connection, BackupTable backup, String actor) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE " + QUALIFIED
                + " SET restored_at = now(), restored_by = ? WHERE id = ?")) {
            st.setString(1, actor);
            st.setLong(2, backup.id());
            st.executeUpdate();
        }
    }

    /** Drops the copy and its catalog row. */
    public static void delete(Connection connection, BackupTable backup) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!backup.table().isEmpty()) {
                st.execute("DROP TABLE IF EXISTS " + Identifiers.quote(SCHEMA, backup.name()));
            }
        }
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM " + QUALIFIED + " WHERE id = ?")) {
            st.setLong(1, backup.id());
            st.executeUpdate();
        }
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + SCHEMA + "." + TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? "" : timestamp.toInstant().toString();
    }
}
