package io.dbmigrate.cli;

import io.dbmigrate.engine.api.Action;

/** The one-paragraph help of each action, as `db-migrate <action> --help` shows it. */
final class ActionHelp {
    private ActionHelp() {
    }

    static String description(Action action) {
        return switch (action) {
            case INIT -> "Make the database ready: create missing schemas and Flyway's schema history table. A schema"
                    + " that already holds tables is baselined at <revision> (required then). Running it twice is a"
                    + " no-op that says so.";
            case CREATE -> "Write a new V<next>__<description>.sql and its undo U<next>__<description>.sql into the"
                    + " first filesystem location. Needs --description; never overwrites. Needs no database, except"
                    + " with --autogenerate FILE: then both scripts are generated from the difference between the"
                    + " migrations at head and the schema in FILE, and proven on scratch databases before writing. With"
                    + " --undo [VERSION…]: write the missing undo scripts of existing V scripts, each proven on a scratch"
                    + " database first; V scripts whose undo cannot be certain are listed with the reason.";
            case UPGRADE -> "Apply pending migrations up to <revision> (default head), with Flyway. A failing"
                    + " migration is rolled back and the database stays at the last good revision.";
            case DOWNGRADE -> "Run undo scripts (U<version>__*.sql), newest first, down to <revision> (default -1), in"
                    + " one transaction: all or nothing. Refuses before touching anything when a step has no undo"
                    + " script or an applied file was edited.";
            case CURRENT -> "Show the current revision, the previous one, and how many migrations are pending.";
            case INFO -> "List every migration: version, description, state, when applied, and whether it can be"
                    + " undone.";
            case VALIDATE -> "Check applied migrations against their files (Flyway validate, pending allowed) and that"
                    + " each has an undo script.";
            case VERIFY -> "Prove every migration up to <revision> (default head) reverses, on a scratch database"
                    + " created beside the target and dropped after: apply V, undo it, compare the schema, apply V"
                    + " again, compare. Names the first migration that does not round-trip.";
            case BACKUPS -> "List the backups downgrades kept in schema db_migrate_backup: what each holds (source,"
                    + " columns), the migration, when and by whom, rows, size, and whether it was restored.";
            case RESTORE -> "Put kept data back, all or nothing: the backups named, or every backup not restored yet"
                    + " whose source exists again. Dropped columns by primary key, dropped tables as rows. A row that"
                    + " conflicts refuses the restore unless --on-conflict skip|overwrite. Backups stay, marked restored.";
            case PRUNE -> "Delete backups older than --older-than (30d, 12h, 45m, 0s), except the newest --keep-last N"
                    + " of each source.";
            case REPAIR -> "Repair Flyway's schema history, as Flyway's repair does: remove failed rows, give applied"
                    + " rows the checksum, description and type of their files (after an intended edit), and mark applied"
                    + " migrations whose file is gone as deleted. Lists every change; --dry-run lists them and changes"
                    + " nothing.";
        };
    }
}
