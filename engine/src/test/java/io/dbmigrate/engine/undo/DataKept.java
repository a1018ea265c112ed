package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of every table in every user schema, each value as text, read straight from the catalog: what a user
 * would check to see whether a downgrade lost data. {@link #assertNothingLostBut} compares two readings and requires
 * every value that is gone to be in the downgrade's backups, by key where the backup is of dropped columns.
 */
record DataKept(Map<String, Table> tables) {

    /** {@code name}: schema.table as stored; {@code root}: the partition tree's root for a partition, else the table. */
    record Table(String name, String root, List<String> columns, List<Map<String, String>> rows) {
        List<List<String>> project(List<String> cols) {
            return rows.stream().map(r -> cols.stream().map(r::get).toList()).sorted(DataKept::compare).toList();
        }
    }

    static DataKept read(TestDatabase db) throws SQLException {
        Map<String, Table> tables = new HashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            Map<String, String> roots = new HashMap<>();
            Map<String, String> quoted = new HashMap<>();
            Map<String, List<String>> columns = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT n.nspname || '.' || c.relname, CASE WHEN c.relispartition THEN"
                    + " (SELECT rn.nspname || '.' || r.relname FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                    + " WHERE r.oid = pg_partition_root(c.oid)) END, a.attname,"
                    + " quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                    + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'db_migrate_backup')"
                    + " AND n.nspname NOT LIKE 'pg\\_%' AND c.relname NOT IN ('flyway_schema_history', 'db_migrate_audit')"
                    + " ORDER BY 1, a.attnum")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(3));
                    roots.put(rs.getString(1), rs.getString(2) == null ? rs.getString(1) : rs.getString(2));
                    quoted.put(rs.getString(1), rs.getString(4));
                }
            }
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                tables.put(table.getKey(), new Table(table.getKey(), roots.get(table.getKey()), table.getValue(),
                        rows(st, "FROM ONLY " + quoted.get(table.getKey()), table.getValue())));
            }
        }
        return new DataKept(tables);
    }

    private static List<Map<String, String>> rows(Statement st, String from, List<String> columns) throws SQLException {
        String select = columns.stream().map(c -> quote(c) + "::text").collect(Collectors.joining(", "));
        List<Map<String, String>> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT " + select + " " + from)) {
            while (rs.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), rs.getString(i + 1));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Everything in {@code before} that {@code after} no longer holds as it was must be in {@code backups}: whole rows
     * for a dropped or changed table, the key and the values for dropped columns.
     */
    static void assertNothingLostBut(DataKept before, DataKept after, List<BackupTable> backups, TestDatabase db)
            throws SQLException {
        for (Table was : before.tables().values()) {
            if (was.rows().isEmpty()) {
                continue;
            }
            Table now = after.tables().get(was.name());
            if (now != null && was.project(now.columns()).equals(now.project(now.columns()))
                    && now.columns().containsAll(was.columns())) {
                continue;
            }
            List<String> dropped = now == null ? was.columns()
                    : was.columns().stream().filter(c -> !now.columns().contains(c)).toList();
            boolean rowsChanged = now == null || !was.project(now.columns()).equals(now.project(now.columns()));
            assertThat(keptIn(was, dropped, rowsChanged, backups, db))
                    .as("what %s lost (%s) is in the backups %s", was.name(), rowsChanged ? "rows" : dropped, backups)
                    .isTrue();
        }
    }

    private static boolean keptIn(Table was, List<String> dropped, boolean rowsChanged, List<BackupTable> backups,
                                  TestDatabase db) throws SQLException {
        for (BackupTable backup : backups) {
            String source = backup.schema() + "." + backup.object();
            boolean ofThis = source.equals(was.name()) || source.equals(was.root());
            if (!ofThis || backup.table().isEmpty()) {
                continue;
            }
            List<String> copied = new ArrayList<>(backup.keyColumns());
            if (backup.kind() == BackupTable.Kind.COLUMNS && !backup.keyColumns().isEmpty()) {
                copied.addAll(backup.columns());
            } else {
                copied = was.columns();
            }
            if (rowsChanged && !copied.containsAll(was.columns())) {
                continue;
            }
            if (!copied.containsAll(dropped)) {
                continue;
            }
            List<List<String>> kept;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                String name = backup.table().substring(backup.table().indexOf('.') + 1);
                kept = new Table(backup.table(), backup.table(), copied,
                        rows(st, "FROM db_migrate_backup." + quote(name), copied)).project(copied);
            }
            List<List<String>> lost = was.project(copied);
            // a partition's rows are part of a copy of its whole partitioned table
            if (source.equals(was.name()) ? kept.equals(lost) : kept.containsAll(lost)) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static int compare(List<String> a, List<String> b) {
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
