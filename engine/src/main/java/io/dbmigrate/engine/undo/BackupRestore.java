package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.OnConflict;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts a backup's data back, in the caller's transaction: whole rows into a re-created table (columns matched by
 * name), dropped columns by primary key into a table that has them again, a sequence's value. Values are cast to the
 * column's type as it is now (an enum kept as text becomes the enum again); a value that no longer fits, or a row
 * that conflicts, refuses the restore unless {@link OnConflict} says otherwise. A generated column is left to the
 * server; the table's user triggers do not fire and no row-security policy filters the restore ({@link RestoreGuard}).
 */
public final class BackupRestore {
    private static final int SAMPLE = 5;

    private final Connection connection;
    private final OnConflict onConflict;

    public BackupRestore(Connection connection, OnConflict onConflict) {
        this.connection = connection;
        this.onConflict = onConflict;
    }

    /** What one backup put back: rows written, and rows left as they were (--on-conflict skip). */
    public record Outcome(BackupTable backup, long rows, long skipped) {
        public String describe() {
            return Warnings.restoredOne(backup.name(), backup.schema() + "." + backup.object(), rows, skipped);
        }
    }

    /**
     * A column as it is now in the source table: its type, the enum it is when it is one (else 0), and whether it is
     * generated (the server computes it: a value cannot be written to it).
     */
    private record Target(String type, long enumType, boolean generated) {
    }

    /** Whether the backup's source is back: the table (with the dropped columns), or the sequence. */
    public boolean sourceBack(BackupTable backup) throws SQLException {
        if (backup.kind() == BackupTable.Kind.SEQUENCE) {
            return exists(backup);
        }
        Map<String, Target> target = columns(backup);
        return !target.isEmpty() && target.keySet().containsAll(backup.columns());
    }

    public Outcome restore(BackupTable backup) throws SQLException {
        if (backup.kind() == BackupTable.Kind.SEQUENCE) {
            return restoreSequence(backup);
        }
        Map<String, Target> target = columns(backup);
        if (target.isEmpty()) {
            throw refused(backup, "table " + backup.schema() + "." + backup.object() + " does not exist");
        }
        List<String> kept = keptColumns(backup);
        for (String column : kept) {
            if (!target.containsKey(column)) {
                throw refused(backup, "table " + backup.schema() + "." + backup.object() + " has no column " + column);
            }
        }
        List<String> key = target.keySet().containsAll(backup.keyColumns()) ? backup.keyColumns() : List.of();
        List<String> written = kept.stream().filter(c -> !target.get(c).generated()).toList();
        checkValuesFit(backup, written, key, target);
        RestoreGuard guard = RestoreGuard.enter(connection, source(backup), backup.schema() + "." + backup.object(),
                backup.name());
        Outcome outcome = backup.kind() == BackupTable.Kind.COLUMNS && !key.isEmpty()
                ? restoreColumns(backup, key, target) : restoreRows(backup, written, key, target);
        guard.leave();
        return outcome;
    }

    /** Dropped columns: update by key the rows that still exist; a kept key with no row is a conflict. */
    private Outcome restoreColumns(BackupTable backup, List<String> key, Map<String, Target> target) throws SQLException {
        String missing = " FROM " + copy(backup) + " b WHERE NOT EXISTS (SELECT 1 FROM " + source(backup) + " t WHERE "
                + match(key, target) + ")";
        long orphans = count("SELECT count(*)" + missing);
        if (orphans > 0 && onConflict == OnConflict.REFUSE) {
            throw RunFailures.restoreConflict(backup.name(), orphans,
                    backup.schema() + "." + backup.object(), sample(keyText(key) + missing), true);
        }
        String set = backup.columns().stream().filter(c -> !target.get(c).generated())
                .map(c -> Identifiers.quote(c) + " = " + cast(c, target)).collect(Collectors.joining(", "));
        long rows = set.isEmpty() ? 0 : update("UPDATE " + source(backup) + " t SET " + set + " FROM " + copy(backup)
                + " b WHERE " + match(key, target));
        return new Outcome(backup, rows, orphans);
    }

    /**
     * Whole rows: insert those whose key is free; a taken key is a conflict. Without a key, only into an empty table.
     * {@code kept} holds the columns to write: the copy's, less those generated now.
     */
    private Outcome restoreRows(BackupTable backup, List<String> kept, List<String> key, Map<String, Target> target)
            throws SQLException {
        String columns = kept.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String values = kept.stream().map(c -> cast(c, target)).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + source(backup) + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + values
                + " FROM " + copy(backup) + " b";
        long rows;
        long skipped = 0;
        if (key.isEmpty()) {
            if (count("SELECT count(*) FROM " + source(backup)) > 0) {
                throw RunFailures.restoreNoKey(backup.name(),
                        backup.schema() + "." + backup.object());
            }
            rows = update(insert);
        } else {
            String taken = " FROM " + copy(backup) + " b WHERE EXISTS (SELECT 1 FROM " + source(backup) + " t WHERE "
                    + match(key, target) + ")";
            long conflicts = count("SELECT count(*)" + taken);
            if (conflicts > 0 && onConflict == OnConflict.REFUSE) {
                throw RunFailures.restoreConflict(backup.name(), conflicts,
                        backup.schema() + "." + backup.object(), sample(keyText(key) + taken), false);
            }
            rows = 0;
            if (conflicts > 0 && onConflict == OnConflict.OVERWRITE) {
                String set = kept.stream().filter(c -> !key.contains(c))
                        .map(c -> Identifiers.quote(c) + " = " + cast(c, target)).collect(Collectors.joining(", "));
                rows += set.isEmpty() ? 0 : update("UPDATE " + source(backup) + " t SET " + set + " FROM " + copy(backup)
                        + " b WHERE " + match(key, target));
            } else {
                skipped = conflicts;
            }
            rows += update(insert + " WHERE NOT EXISTS (SELECT 1 FROM " + source(backup) + " t WHERE "
                    + match(key, target) + ")");
        }
        advanceSequences(backup, kept);
        return new Outcome(backup, rows, skipped);
    }

    /** Rows put back with their old ids: a serial or identity column's sequence must move past them. */
    private void advanceSequences(BackupTable backup, List<String> kept) throws SQLException {
        for (String column : kept) {
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                st.setString(1, source(backup));
                st.setString(2, column);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    String sequence = rs.getString(1);
                    if (sequence != null) {
                        execute("SELECT setval('" + sequence.replace("'", "''") + "', m) FROM (SELECT max("
                                + Identifiers.quote(column) + ") AS m FROM " + source(backup) + ") x WHERE m IS NOT NULL"
                                + " AND m > (SELECT last_value FROM " + sequence + ")");
                    }
                }
            }
        }
    }

    private Outcome restoreSequence(BackupTable backup) throws SQLException {
        if (!exists(backup)) {
            throw refused(backup, "sequence " + backup.schema() + "." + backup.object() + " does not exist");
        }
        // never move a sequence back: values it handed out since would be handed out again
        long rows = update("SELECT setval(to_regclass('" + source(backup).replace("'", "''") + "'), b.last_value,"
                + " b.is_called) FROM " + copy(backup) + " b, " + source(backup) + " s WHERE b.last_value > s.last_value");
        return new Outcome(backup, rows, rows == 0 ? 1 : 0);
    }

    /** A kept value of an enum column that is no longer one of its labels refuses the restore, naming the rows. */
    private void checkValuesFit(BackupTable backup, List<String> kept, List<String> key, Map<String, Target> target)
            throws SQLException {
        for (String column : kept) {
            Target t = target.get(column);
            if (t.enumType() == 0) {
                continue;
            }
            List<String> rows = sample((key.isEmpty() ? "SELECT b::text" : keyText(key)) + " FROM " + copy(backup)
                    + " b WHERE b." + Identifiers.quote(column) + " IS NOT NULL AND b." + Identifiers.quote(column)
                    + "::text NOT IN (SELECT enumlabel::text FROM pg_enum WHERE enumtypid = " + t.enumType() + ")");
            if (!rows.isEmpty()) {
                throw RunFailures.restoreValueDoesNotFit(backup.name(),
                        column, t.type(), rows);
            }
        }
    }

    /** The columns a copy holds: key and dropped columns for kept columns, else every column of the source. */
    private List<String> keptColumns(BackupTable backup) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid ="
                + " to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            st.setString(1, copy(backup));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw refused(backup, "its copy " + backup.table() + " is gone");
        }
        return columns;
    }

    private Map<String, Target> columns(BackupTable backup) throws SQLException {
        Map<String, Target> columns = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " CASE WHEN t.typtype = 'e' THEN t.oid ELSE 0 END, a.attgenerated <> '' FROM pg_attribute a"
                + " JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = to_regclass(?) AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum")) {
            st.setString(1, source(backup));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new Target(rs.getString(2), rs.getLong(3), rs.getBoolean(4)));
                }
            }
        }
        return columns;
    }

    private boolean exists(BackupTable backup) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, source(backup));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String cast(String column, Map<String, Target> target) {
        return "CAST(b." + Identifiers.quote(column) + " AS " + target.get(column).type() + ")";
    }

    private static String match(List<String> key, Map<String, Target> target) {
        return key.stream().map(k -> "t." + Identifiers.quote(k) + " = " + cast(k, target))
                .collect(Collectors.joining(" AND "));
    }

    private static String keyText(List<String> key) {
        return "SELECT concat_ws(', ', " + key.stream().map(k -> "'" + k.replace("'", "''") + "=' || b."
                + Identifiers.quote(k) + "::text").collect(Collectors.joining(", ")) + ")";
    }

    private static String source(BackupTable backup) {
        return Identifiers.quote(backup.schema(), backup.object());
    }

    private static String copy(BackupTable backup) {
        return Identifiers.quote(BackupCatalog.SCHEMA, backup.name());
    }

    private static MigrationException refused(BackupTable backup, String why) {
        return RunFailures.restoreSourceMissing(backup.name(), why);
    }

    private long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> sample(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql + " LIMIT " + SAMPLE)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private long update(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (st.execute(sql)) {
                long rows = 0;
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                return rows;
            }
            return st.getUpdateCount();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
