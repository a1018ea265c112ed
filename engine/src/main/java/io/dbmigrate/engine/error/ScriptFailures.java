package io.dbmigrate.engine.error;

import java.util.List;

/** Migration and undo scripts and their folders: what cannot be read or run, and how a script failed. */
public final class ScriptFailures {
    private ScriptFailures() {
    }

    public static MigrationException locationMissing(String location) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Migration location " + location + " does not exist. Pass --locations with the folder that holds "
                + "your V<version>__<description>.sql files.");
    }

    public static MigrationException linkLoop(String link, String target) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Migration folder " + link + " links to " + target + ", a folder it is in: Flyway would list its"
                + " scripts again at every depth. Remove the link or point it elsewhere. Nothing was changed.");
    }

    /** A script a dry run lists could not be read. */
    public static MigrationException cannotRead(String script, String reason) {
        return new MigrationException(ErrorKind.INVALID_INPUT, "Cannot read " + script + ": " + reason
                + ". Nothing was changed.");
    }

    /** Why a script cannot be read: its .conf names an encoding Java does not know. */
    public static String unknownEncoding(String name) {
        return "unknown encoding '" + name + "' in its .conf";
    }

    public static MigrationException scriptUnreadable(String file, String reason) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot read migration script " + file + " (" + reason + "): Flyway would skip it. Make it a readable"
                + " file or move it away. Nothing was changed.");
    }

    public static MigrationException duplicateVersion(String version, String first, String second) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Two scripts have version " + version + ": " + first + " and " + second + ". Give each its own"
                + " version. Nothing was changed.");
    }

    public static MigrationException ignoredMigration(String script, String current) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Migration " + script + " was never applied and is older than the current revision " + current
                + ": Flyway refuses it unless out of order is allowed. Give it a version above " + current
                + ", or apply it out of order with upgrade --out-of-order. Nothing was changed.");
    }

    public static String migrationFailed(String script, String sqlState, int line, String detail, String revision) {
        return "Migration " + script + " failed: SQL state " + Fragments.stateAndLine(sqlState, line)
                + ": " + detail + ". The database stays at revision " + revision + ".";
    }

    public static String undoFailed(String script, String sqlState, int line, String detail, String revision) {
        return "Undo script " + script + " failed: SQL state " + Fragments.stateAndLine(sqlState, line)
                + ": " + detail + ". Everything was rolled back; the database stays at revision " + revision + ".";
    }

    public static String deferredFailed(String sqlState, String detail, String revision) {
        return "The checks deferred to the downgrade's commit (deferred constraints, constraint triggers) failed: SQL"
                + " state " + sqlState + ": " + detail + ". Everything was rolled back; the database stays at revision "
                + revision + ".";
    }

    public static String callbackFailed(String callback, String sqlState, int line, String detail, String revision) {
        return "SQL callback " + callback + " failed: SQL state " + Fragments.stateAndLine(sqlState, line)
                + ": " + detail + ". Everything was rolled back; the database stays at revision " + revision + ".";
    }

    public static MigrationException callbackOutsideTransaction(String callback) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                callback + ".conf says executeInTransaction=false, but db-migrate runs SQL callbacks inside the"
                + " downgrade's transaction. Remove that setting. Nothing was changed.");
    }

    /** Appended to a downgrade's failure when afterUndoError.sql, run after the rollback, failed as well. */
    public static String afterUndoErrorFailed(String callback, String sqlState, int line, String detail) {
        return " Then SQL callback " + callback + " failed too: SQL state "
                + Fragments.stateAndLine(sqlState, line) + ": " + detail + "; what it did was rolled back.";
    }

    public static MigrationException backupFailed(String script, String sqlState, String detail, String revision) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                "Backing up what " + script + " drops failed: SQL state " + sqlState + ": " + detail
                + ". Everything was rolled back; the database stays at revision " + revision + ".");
    }

    public static MigrationException transactionControlInUndo(String script, int line, String statement) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                script + ":" + line + ": " + statement + " is not allowed in an undo script: a downgrade runs all its"
                + " undo scripts in one transaction, and BEGIN, COMMIT, ROLLBACK, SAVEPOINT or END would end or split it."
                + " Remove it. Nothing was changed.");
    }

    public static MigrationException outsideTransactionInUndo(String script, int line, String statement) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                script + ":" + line + ": " + statement + " cannot run inside a transaction, and a downgrade runs its undo"
                + " scripts in one. Change the statement (e.g. without CONCURRENTLY), or run this script on its own"
                + " outside the transaction: put executeInTransaction=false in " + script + ".conf (it must then be the"
                + " last step of the downgrade). Nothing was changed.");
    }

    public static MigrationException outsideTransactionNotLast(String script, String version) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                script + " runs outside a transaction (executeInTransaction=false), so it can only be the last step of"
                + " a downgrade. Downgrade to revision " + version + " first, then on. Nothing was changed.");
    }

    public static MigrationException outsideTransactionUnprobeable(String script, int line) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                script + ":" + line + ": this statement may destroy data, and " + script + " runs outside a transaction"
                + " (executeInTransaction=false), where db-migrate cannot find out what it destroys to back it up."
                + " Keep only the statements that need to run outside a transaction in that script, or downgrade with"
                + " --no-backup. Nothing was changed.");
    }

    public static MigrationException callbackOutsideTransactionUnprobeable(String callback, int line, String script) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                callback + ":" + line + ": this statement may destroy data, and this SQL callback runs with " + script
                + " outside a transaction (executeInTransaction=false), where db-migrate cannot find out what it"
                + " destroys to back it up. Keep such statements out of beforeEachUndo, afterEachUndo and afterUndo"
                + " callbacks, or downgrade with --no-backup. Nothing was changed.");
    }

    public static String outsideTransactionFailed(String script, String sqlState, int line, String detail,
                                                  String revision) {
        return outsideTransactionFailed("Undo script ", script, sqlState, line, detail, revision);
    }

    /** A callback that ran with the step marked to run outside the transaction (so outside it too) failed. */
    public static String callbackOutsideTransactionFailed(String callback, String sqlState, int line, String detail,
                                                          String revision) {
        return outsideTransactionFailed("SQL callback ", callback, sqlState, line, detail, revision);
    }

    private static String outsideTransactionFailed(String what, String script, String sqlState, int line,
                                                   String detail, String revision) {
        return what + script + " failed: SQL state " + Fragments.stateAndLine(sqlState, line)
                + ": " + detail + ". It runs outside a transaction (executeInTransaction=false), so its statements"
                + " before the failing one stay applied; the undo scripts before it were committed. The database is at"
                + " revision " + revision + ".";
    }

    public static MigrationException probeMismatch(String script, List<String> relations, String revision) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                "Undo script " + script + " destroyed more when it ran than when db-migrate probed it ("
                + String.join(", ", relations) + "), so not all of it was backed up. Its effect must not depend on"
                + " time, chance or earlier runs. Everything was rolled back; the database stays at revision "
                + revision + ".");
    }

    public static MigrationException rowCountingOff(String script, String revision) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Undo script " + script + " switches track_counts off, so db-migrate cannot see the rows it deletes or"
                + " updates, nor back them up. Remove that setting from the script. Everything was rolled back; the"
                + " database stays at revision " + revision + ".");
    }

    public static MigrationException backupsDestroyed(String script, String schema, String revision) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Undo script " + script + " drops or changes db-migrate's backups in schema " + schema + ". Leave that"
                + " schema out of what it drops or empties. Everything was rolled back; the database stays at revision "
                + revision + ".");
    }

    public static MigrationException backupStatementsDestroyed(String script, List<String> relations, String revision) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                "Backing up what " + script + " destroys destroyed data itself (" + String.join(", ", relations)
                + "): an enabled event trigger ran on db-migrate's backup statements. Disable it for the downgrade"
                + " (ALTER EVENT TRIGGER ... DISABLE), or downgrade with --no-backup. Everything was rolled back; the"
                + " database stays at revision " + revision + ".");
    }

    public static MigrationException transactionEnded(String script, int line, String revision) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                "Undo script " + script + (line > 0 ? " at line " + line : "") + " ended the downgrade's transaction."
                + " The work before it may be committed: check the database; db-migrate's history says revision "
                + revision + ".");
    }

    /** Up front: the connection reads strings with backslash escapes, which db-migrate's lexer does not. */
    public static MigrationException standardStringsOff() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot run undo scripts: standard_conforming_strings is off on this connection, and db-migrate reads"
                + " scripts as PostgreSQL does with it on, its default since 9.1; with it off, a backslash in a string"
                + " could hide a statement from db-migrate's checks. Turn it back on where it was turned off (ALTER"
                + " DATABASE or ALTER ROLE ... RESET standard_conforming_strings, or the connection's options)."
                + " Nothing was changed.");
    }

    /** A script turned standard_conforming_strings off in the downgrade's transaction, which stopped right after. */
    public static MigrationException standardStringsTurnedOff(String script, int line, String revision) {
        return new MigrationException(ErrorKind.SQL_ERROR,
                script + ":" + line + ": this statement turns standard_conforming_strings off, and db-migrate reads"
                + " scripts as PostgreSQL does with it on: with it off, a backslash in a string could hide a statement,"
                + " even a COMMIT, from db-migrate's checks. Remove it; write E'...' for a string with backslash"
                + " escapes. Everything was rolled back; the database stays at revision " + revision + ".");
    }

    /** Why ScriptRunner ran none of a script: standard_conforming_strings was off before it. */
    public static String standardStringsOffDetail() {
        return "standard_conforming_strings is off on this connection, and db-migrate reads scripts as PostgreSQL does"
                + " with it on (its default since 9.1)";
    }

    /** Why ScriptRunner stopped a script: the statement turned standard_conforming_strings off. */
    public static String standardStringsTurnedOffDetail() {
        return "the statement turned standard_conforming_strings off, and db-migrate reads scripts as PostgreSQL does"
                + " with it on";
    }

    public static MigrationException rowChangesInvisible() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot back up what undo scripts destroy: track_counts is off on this server, so rows that a script"
                + " deletes or updates cannot be seen. Turn track_counts on (PostgreSQL's default; autovacuum needs it),"
                + " or downgrade with --no-backup. Nothing was changed.");
    }

    public static MigrationException cannotParse(String script, String detail) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot parse " + script + ": " + detail + ". Nothing was changed.");
    }

    public static MigrationException atomicRefused(String flywayDetail) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "An atomic upgrade cannot run here: " + flywayDetail.replace(" (even though mixed is false)", "")
                + ". Such a statement refuses a transaction; run the upgrade without --atomic. Nothing was applied.");
    }

    public static MigrationException flywayRefused(String detail) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Flyway refused the migrations: " + detail + ".");
    }
}
