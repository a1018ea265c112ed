package io.dbmigrate.engine;

import java.io.Serializable;

/**
 * Data a downgrade kept before an undo script dropped it: {@code source} is what was dropped
 * ({@code public.tasks} or {@code public.tasks.priority}), {@code table} the copy in schema
 * {@code db_migrate_backup}, with the primary key so rows can be joined back.
 */
public record BackupTable(String source, String table, long rows) implements Serializable {
    @Override
    public String toString() {
        return source + " (" + rows + " row(s)) → " + table;
    }
}
