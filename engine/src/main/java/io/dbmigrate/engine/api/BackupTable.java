package io.dbmigrate.engine.api;

import java.io.Serializable;
import java.util.List;

/**
 * Data a downgrade kept before an undo script destroyed it, as recorded in {@code db_migrate_backup.backup_catalog}.
 *
 * @param kind    what was lost, and so what the copy holds
 * @param schema  the schema of the object the data came from
 * @param object  the table, sequence or view the data came from
 * @param columns for {@link Kind#COLUMNS}: the dropped columns (the copy also holds {@code keyColumns}); else empty
 * @param keyColumns the source's primary key columns, copied with dropped columns so rows can be joined back
 * @param table   the copy, {@code db_migrate_backup.<name>}; empty for a view, which keeps only its definition
 * @param rows    rows copied
 * @param version the migration whose undo script destroyed it
 * @param createdAt when it was made (ISO-8601 instant), by {@code actor}; empty in a dry run
 * @param bytes   the copy's size on disk
 * @param restoredAt when {@code backups restore} put it back (ISO-8601 instant), else empty
 * @param id      its row in the backup catalog; 0 in a dry run
 */
public record BackupTable(Kind kind, String schema, String object, List<String> columns, List<String> keyColumns,
                          String table, long rows, String version, String createdAt, String actor, long bytes,
                          String restoredAt, long id) implements Serializable {

    /** What an undo script destroyed. */
    public enum Kind {
        /** The table was dropped: the copy holds every row as it was. */
        TABLE,
        /** Rows were deleted, updated or truncated, or the table rewritten: the copy holds every row as it was. */
        ROWS,
        /** Columns were dropped: the copy holds them with the primary key. */
        COLUMNS,
        /** A sequence was dropped: the copy holds its last value. */
        SEQUENCE,
        /** A view or materialized view was dropped: its definition is kept in the catalog, no rows. */
        VIEW
    }

    public BackupTable {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
        createdAt = createdAt == null ? "" : createdAt;
        actor = actor == null ? "" : actor;
        restoredAt = restoredAt == null ? "" : restoredAt;
    }

    /** The name of the copy inside schema db_migrate_backup, as {@code backups restore} takes it. */
    public String name() {
        return table.substring(table.indexOf('.') + 1);
    }

    /** Whether it holds rows that {@code backups restore} can put back (a view keeps only its definition). */
    public boolean holdsData() {
        return kind != Kind.VIEW;
    }

    /** {@code schema.object}, or {@code schema.object.col1,col2} for dropped columns. */
    public String source() {
        String qualified = schema + "." + object;
        return columns.isEmpty() ? qualified : qualified + "." + String.join(",", columns);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case TABLE, COLUMNS -> source();
            case ROWS -> "rows of " + source();
            case SEQUENCE -> "sequence " + source();
            case VIEW -> "view " + source();
        };
        if (kind == Kind.VIEW) {
            return what + " (definition kept)";
        }
        return what + " (" + rows + " row(s))" + (table.isEmpty() ? "" : " → " + table);
    }
}
