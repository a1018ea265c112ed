package io.dbmigrate.engine.error;

import java.util.List;

/**
 * The database's state refuses the run (not initialized, an edited or missing file, no undo script), or what a run
 * checks does not hold (verify, restore).
 */
public final class RunFailures {
    private RunFailures() {
    }

    public static String agentFailed(String failure) {
        return "The agent could not run db-migrate: " + failure + ". The run may have stopped midway: check the agent's"
                + " connection and Java, then run dbMigrate action: 'current' to see where the database stands.";
    }

    public static MigrationException notInitialized(String schema) {
        return new MigrationException(ErrorKind.NOT_INITIALIZED,
                "The database is not initialized: schema " + schema + " has no schema history table. "
                + "Run init first.");
    }

    public static MigrationException nonEmptyWithoutHistory(String schema) {
        return new MigrationException(ErrorKind.NOT_INITIALIZED,
                "Schema " + schema + " already holds tables but no schema history table. Run init with the "
                + "revision this database is at (for example: init 3) to baseline it.");
    }

    /** init without a revision on a schema that holds tables: the same advice, as a refused request. */
    public static MigrationException baselineNeeded(String schema) {
        return new MigrationException(ErrorKind.INVALID_INPUT, nonEmptyWithoutHistory(schema).getMessage());
    }

    public static MigrationException cannotReverse(String version, String locations) {
        return new MigrationException(ErrorKind.IRREVERSIBLE,
                "Migration V" + version + " cannot be reversed: no U" + version + "__*.sql found in " + locations
                + ". Nothing was changed.");
    }

    public static MigrationException cannotReverseBaseline(String version) {
        return new MigrationException(ErrorKind.IRREVERSIBLE,
                "Migration V" + version + " cannot be reversed: it is the baseline, which has no script. "
                + "Nothing was changed.");
    }

    public static MigrationException failedRow(String script, String version) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                "Migration " + script + " is recorded as failed in the schema history (version " + version
                + "). Clean up what it left, then run db-migrate repair to remove the failed row. Nothing was changed.");
    }

    public static MigrationException appliedNotFound(String version, String locations) {
        return new MigrationException(ErrorKind.CHECKSUM_MISMATCH,
                "Migration V" + version + " is applied but its file is not in " + locations
                + ". Restore it first. Nothing was changed.");
    }

    public static MigrationException repeatableNotFound(String script, String locations) {
        return new MigrationException(ErrorKind.CHECKSUM_MISMATCH,
                "Repeatable migration " + script + " is applied but its file is not in " + locations
                + ". Restore it, or run db-migrate repair to mark it deleted if it was removed on purpose. Nothing was"
                + " changed.");
    }

    /** Flyway's description mismatch: the file was renamed after it ran, its content unchanged or not. */
    public static MigrationException descriptionMismatch(String appliedScript, String file, String version) {
        return new MigrationException(ErrorKind.CHECKSUM_MISMATCH,
                "Migration " + appliedScript + " was renamed to " + file + " after it was applied (description"
                + " mismatch for version " + version + "). Rename it back, or run db-migrate repair if the change is"
                + " intended. Nothing was changed.");
    }

    public static MigrationException checksumMismatch(String script, String version) {
        return new MigrationException(ErrorKind.CHECKSUM_MISMATCH,
                checksumChanged(script, version) + " Nothing was changed.");
    }

    public static String checksumChanged(String script, String version) {
        return "Migration " + script + " was changed after it was applied (checksum mismatch for version "
                + version + "). Restore the applied file, or run db-migrate repair if the change is intended.";
    }

    public static MigrationException locked(String holder, String since, int waitedSeconds) {
        return new MigrationException(ErrorKind.LOCKED, "Another migration is running: " + holder
                + " has held the lock since " + since + ". Waited " + waitedSeconds
                + " s; try again later or raise --lock-timeout.");
    }

    public static MigrationException lockInterrupted() {
        return new MigrationException(ErrorKind.LOCKED, "Interrupted while waiting for the migration lock.");
    }

    public static MigrationException restoreSourceMissing(String backup, String what) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot restore " + backup + ": " + what + ". Re-apply the migration that creates it first. Nothing was"
                + " changed.");
    }

    public static MigrationException restoreConflict(String backup, long rows, String target,
                                                     List<String> keys,
                                                     boolean keyMissing) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot restore " + backup + ": " + rows + " row(s) " + (keyMissing ? "have no row with their key in "
                : "already have a row with their key in ") + target + " (" + String.join("; ", keys)
                + (rows > keys.size() ? "; …" : "") + "). " + (keyMissing ? "Use --on-conflict skip to restore the others"
                : "Use --on-conflict skip to leave those rows as they are, or overwrite to replace them")
                + ". Nothing was changed.");
    }

    public static MigrationException restoreNoKey(String backup, String target) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot restore " + backup + ": " + target + " has no primary key to match rows by, and it is not empty."
                + " Empty it first or restore by hand. Nothing was changed.");
    }

    public static MigrationException restoreValueDoesNotFit(String backup, String column, String type,
                                                            List<String> rows) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot restore " + backup + ": values of " + column + " no longer fit its type " + type + " (rows "
                + String.join("; ", rows) + "). Nothing was changed.");
    }

    public static MigrationException restoreTriggersNotOwned(String backup, String target, List<String> triggers,
                                                             String owner) {
        return new MigrationException(ErrorKind.PERMISSION,
                "Cannot restore " + backup + ": " + target + " has user triggers (" + String.join(", ", triggers)
                + ") that would change the kept rows, and only its owner " + owner + " may switch them off for the"
                + " restore. Run it as " + owner + " (or a member of it) or a superuser. Nothing was changed.");
    }

    public static MigrationException restoreRowSecurity(String backup, String target, String user) {
        return new MigrationException(ErrorKind.PERMISSION,
                "Cannot restore " + backup + ": row-level security policies on " + target + " apply to " + user
                + " and could hide rows from the restore. Run it as the table's owner (without FORCE ROW LEVEL"
                + " SECURITY), a superuser or a role with BYPASSRLS. Nothing was changed.");
    }

    public static MigrationException validationFailed(ErrorKind kind, List<String> problems) {
        return new MigrationException(kind,
                "Validation failed: " + String.join("; ", problems));
    }

    public static MigrationException repeatablesDoNotReturn(String to, List<String> differences) {
        return new MigrationException(ErrorKind.IRREVERSIBLE,
                "The repeatable migrations do not come back as they were: after a downgrade to base and an upgrade to "
                + to + " the schema differs (first → second time): " + String.join("; ", differences) + ".");
    }

    public static MigrationException verifyRepeatablesFailed(ErrorKind kind, String action, String revision,
                                                             String detail) {
        return new MigrationException(kind,
                "Verify stopped with the repeatable migrations applied, at " + action + " " + revision + ": " + detail);
    }

    public static MigrationException notReversible(List<String> versions, String locations) {
        return new MigrationException(ErrorKind.IRREVERSIBLE,
                "Cannot verify: " + String.join(", ", versions) + " cannot be reversed: no undo script found in "
                + locations + ".");
    }

    public static MigrationException doesNotRoundTrip(String version, String undoScript, List<String> differences) {
        return new MigrationException(ErrorKind.IRREVERSIBLE,
                "Migration V" + version + " does not round-trip: after " + undoScript + " the schema differs from"
                + " before V" + version + " (before → after undo): " + String.join("; ", differences) + ".");
    }

    public static MigrationException reapplyDiffers(String version, List<String> differences) {
        return new MigrationException(ErrorKind.IRREVERSIBLE,
                "Migration V" + version + " does not round-trip: applying it again after its undo gives another"
                + " schema (first → second time): " + String.join("; ", differences) + ".");
    }

    public static MigrationException verifyStepFailed(ErrorKind kind, String version, String detail) {
        return new MigrationException(kind,
                "Verify stopped at V" + version + ": " + detail);
    }

    public static MigrationException scratchUnavailable(String action, String detail, String user, boolean denied) {
        return new MigrationException(denied ? ErrorKind.PERMISSION : ErrorKind.SQL_ERROR,
                action + " needs a scratch database on the same server and could not create one (" + detail
                + "). " + (denied ? DatabaseFailures.grantHint(user, detail)
                : "Fix that on the server, then run " + action + " again."));
    }
}
