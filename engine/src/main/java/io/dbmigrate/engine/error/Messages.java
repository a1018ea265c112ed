package io.dbmigrate.engine.error;

import io.dbmigrate.engine.sql.Identifiers;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every message a user can see, one factory each, so the wording lives in one place and tests can
 * assert it. Messages say what happened and what to do next; none takes a password.
 */
public final class Messages {
    private Messages() {
    }

    // --- connection -------------------------------------------------------------------------

    public static String noUrl() {
        return "Cannot connect to database: no database URL given. Set DATABASE_URL or pass --url "
                + "(jdbc:postgresql://host:port/db or postgresql://user@host:port/db).";
    }

    public static String badUrl(String source) {
        return "Cannot connect to database: the URL in " + source + " is not a PostgreSQL URL. Use "
                + "jdbc:postgresql://host:port/db or postgresql://user@host:port/db.";
    }

    public static String urlWithoutDatabase(String source) {
        return "Cannot connect to database: the URL in " + source + " names no database. Add one, "
                + "as in postgresql://host:5432/app.";
    }

    public static String cannotConnect(String target, String reason, String source) {
        return "Cannot connect to database at " + target + ": " + reason + ". Check " + checkWhat(source) + ".";
    }

    public static String authenticationFailed(String user, String target, String credentialsId) {
        String where = credentialsId.isEmpty() ? "the password (PGPASSWORD or --password-env)"
                : "the credentials '" + credentialsId + "'";
        return "Authentication failed for user '" + user + "' at " + target + ". Check " + where + ".";
    }

    private static String checkWhat(String source) {
        return switch (source) {
            case "DATABASE_URL" -> "DATABASE_URL (or pass --url / url)";
            case "FLYWAY_URL" -> "FLYWAY_URL (or set DATABASE_URL, or pass --url / url)";
            default -> source + " (or DATABASE_URL)";
        };
    }

    // --- revisions and input ----------------------------------------------------------------

    public static String alreadyAt(String revision) {
        return "Already at revision " + revision + ": nothing to apply.";
    }

    public static String unknownAction(String action, List<String> known) {
        return "Unknown action '" + action + "'. Use one of: " + String.join(", ", known) + ".";
    }

    public static String badRevision(String input) {
        return "Invalid revision '" + input + "'. Use head, base, previous, a version such as 3 or 3.1, "
                + "or a relative step such as -1 or +2.";
    }

    public static String baselineNeedsVersion(String input) {
        return "Invalid revision '" + input + "' for init: a baseline is an explicit version, such as 3.";
    }

    public static String unknownRevision(String input, List<String> known) {
        return "Unknown revision '" + input + "'. Known versions: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".";
    }

    public static String relativeOutOfRange(String input, String current, int available) {
        return "Relative revision " + input + " goes beyond the migrations: at revision " + current
                + " only " + available + " step(s) exist in that direction.";
    }

    public static String noPrevious() {
        return "There is no previous revision yet: no upgrade that changed the revision has been recorded.";
    }

    public static String upgradeTargetBelowCurrent(String target, String current) {
        return "Revision " + target + " is below the current revision " + current
                + ": use downgrade to go back.";
    }

    public static String downgradeTargetAboveCurrent(String target, String current) {
        return "Revision " + target + " is above the current revision " + current + ": use upgrade to go forward.";
    }

    public static String downgradeTargetNotApplied(String target, List<String> applied) {
        return "Revision " + target + " was never applied, so the database was never at it: downgrade to an applied"
                + " revision (" + (applied.isEmpty() ? "none" : String.join(", ", applied)) + ") or base.";
    }

    public static String revisionNotAllowed(String action, String revision) {
        return "The action '" + action + "' takes no revision (got '" + revision + "').";
    }

    public static String descriptionRequired() {
        return "create needs a description, for example --description \"add priority to tasks\".";
    }

    public static String noFilesystemLocation(List<String> locations) {
        return "create writes into a filesystem location, but none is configured (" + String.join(", ", locations)
                + "). Pass --locations filesystem:db/migration.";
    }

    public static String wouldOverwrite(String file) {
        return "Refusing to overwrite " + file + ": it already exists.";
    }

    public static String lockTimeoutNegative(int seconds) {
        return "Invalid lock timeout " + seconds + ": use 0 or more seconds.";
    }

    public static String locationMissing(String location) {
        return "Migration location " + location + " does not exist. Pass --locations with the folder that holds "
                + "your V<version>__<description>.sql files.";
    }

    public static String scriptUnreadable(String file, String reason) {
        return "Cannot read migration script " + file + " (" + reason + "): Flyway would skip it. Make it a readable"
                + " file or move it away. Nothing was changed.";
    }

    public static String duplicateVersion(String version, String first, String second) {
        return "Two scripts have version " + version + ": " + first + " and " + second + ". Give each its own"
                + " version. Nothing was changed.";
    }

    // --- Jenkins step (dbMigrate) -----------------------------------------------------------

    public static String agentFailed(String failure) {
        return "The agent could not run db-migrate: " + failure + ". The run may have stopped midway: check the agent's"
                + " connection and Java, then run dbMigrate action: 'current' to see where the database stands.";
    }

    public static String stepFailed(String action, String message) {
        return "dbMigrate " + (action.isEmpty() ? "" : action + " ") + "failed: " + message;
    }

    public static String stepActionRequired(List<String> actions) {
        return "dbMigrate needs an action: one of " + String.join(", ", actions) + ".";
    }

    public static String stepRejectsCreate() {
        return "dbMigrate does not run create: it writes new migration files. Run create with the command line "
                + "and commit the files.";
    }

    public static String stepNoUrl() {
        return "Cannot connect to database: no database URL given. Pass url, or credentialsId naming a secret text "
                + "that holds the URL, or set DATABASE_URL in the build environment.";
    }

    public static String stepPasswordInUrl() {
        return "Do not put the password in url: step arguments are shown on the build page. Pass credentialsId "
                + "(username with password, or secret text holding the URL), or set DATABASE_URL.";
    }

    public static String stepUrlTwice(String credentialsId) {
        return "Both url and the credentials '" + credentialsId + "' (a secret text holding a URL) name the "
                + "database: give only one of them.";
    }

    public static String stepCredentialsNotFound(String credentialsId) {
        return "No credentials '" + credentialsId + "' are visible to this build. Use the id of a username with "
                + "password, or of a secret text holding the database URL.";
    }

    public static String stepTargetWithConnection(String target) {
        return "The target '" + target + "' names its own database and credentials: drop url and credentialsId, "
                + "or drop target.";
    }

    public static String stepUnknownTarget(String target, List<String> known) {
        return "Unknown target '" + target + "'. Configured targets: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + " (Manage Jenkins > System > db-migrate targets).";
    }

    public static String targetNameRequired() {
        return "A target needs a name: the admin endpoints' URLs and dbMigrate target: use it.";
    }

    public static String targetNameBad(String name) {
        return "The target name '" + name + "' must be letters, digits, '.', '_' or '-', starting with a letter or"
                + " digit: it is part of the admin endpoints' URLs.";
    }

    public static String targetNameTwice(String name) {
        return "Two targets are named '" + name + "': give each its own name.";
    }

    public static String notANumber(String value) {
        return "'" + value + "' is not a whole number.";
    }

    public static String stepLocationNotFilesystem(String location) {
        return "dbMigrate reads migrations from the workspace: use filesystem: locations or plain folders "
                + "(got '" + location + "').";
    }

    // --- state ----------------------------------------------------------------------------

    public static String notInitialized(String schema) {
        return "The database is not initialized: schema " + schema + " has no schema history table. "
                + "Run init first.";
    }

    public static String nonEmptyWithoutHistory(String schema) {
        return "Schema " + schema + " already holds tables but no schema history table. Run init with the "
                + "revision this database is at (for example: init 3) to baseline it.";
    }

    public static String alreadyInitialized(String schema, String revision) {
        return "Already initialized: schema " + schema + " has a schema history table, at revision " + revision + ".";
    }

    public static String initialized(String schema) {
        return "Initialized schema " + schema + ": the schema history table is ready, at revision base.";
    }

    public static String baselined(String schema, String revision) {
        return "Initialized schema " + schema + " with its existing tables, baselined at revision " + revision + ".";
    }

    public static String cannotReverse(String version, String locations) {
        return "Migration V" + version + " cannot be reversed: no U" + version + "__*.sql found in " + locations
                + ". Nothing was changed.";
    }

    public static String cannotReverseBaseline(String version) {
        return "Migration V" + version + " cannot be reversed: it is the baseline, which has no script. "
                + "Nothing was changed.";
    }

    public static String ignoredMigration(String script, String current) {
        return "Migration " + script + " was never applied and is older than the current revision " + current
                + ": Flyway refuses it unless out of order is allowed. Give it a version above " + current
                + ", or apply it out of order with upgrade --out-of-order. Nothing was changed.";
    }

    public static String failedRow(String script, String version) {
        return "Migration " + script + " is recorded as failed in the schema history (version " + version
                + "). Clean up what it left, then run db-migrate repair to remove the failed row. Nothing was changed.";
    }

    public static String appliedNotFound(String version, String locations) {
        return "Migration V" + version + " is applied but its file is not in " + locations
                + ". Restore it first. Nothing was changed.";
    }

    public static String checksumMismatch(String script, String version) {
        return checksumChanged(script, version) + " Nothing was changed.";
    }

    public static String checksumChanged(String script, String version) {
        return "Migration " + script + " was changed after it was applied (checksum mismatch for version "
                + version + "). Restore the applied file, or run db-migrate repair if the change is intended.";
    }

    public static String locked(String holder, String since, int waitedSeconds) {
        return "Another migration is running: " + holder + " has held the lock since " + since + ". Waited "
                + waitedSeconds + " s; try again later or raise --lock-timeout.";
    }

    public static String migrationFailed(String script, String sqlState, int line, String detail, String revision) {
        return "Migration " + script + " failed: SQL state " + sqlState + (line > 0 ? " at line " + line : "")
                + ": " + detail + ". The database stays at revision " + revision + ".";
    }

    public static String undoFailed(String script, String sqlState, int line, String detail, String revision) {
        return "Undo script " + script + " failed: SQL state " + sqlState + (line > 0 ? " at line " + line : "")
                + ": " + detail + ". Everything was rolled back; the database stays at revision " + revision + ".";
    }

    public static String callbackFailed(String callback, String sqlState, int line, String detail, String revision) {
        return "SQL callback " + callback + " failed: SQL state " + sqlState + (line > 0 ? " at line " + line : "")
                + ": " + detail + ". Everything was rolled back; the database stays at revision " + revision + ".";
    }

    public static String callbackOutsideTransaction(String callback) {
        return callback + ".conf says executeInTransaction=false, but db-migrate runs SQL callbacks inside the"
                + " downgrade's transaction. Remove that setting. Nothing was changed.";
    }

    /** Appended to a downgrade's failure when afterUndoError.sql, run after the rollback, failed as well. */
    public static String afterUndoErrorFailed(String callback, String sqlState, int line, String detail) {
        return " Then SQL callback " + callback + " failed too: SQL state " + sqlState
                + (line > 0 ? " at line " + line : "") + ": " + detail + "; what it did was rolled back.";
    }

    public static String backupFailed(String script, String sqlState, String detail, String revision) {
        return "Backing up what " + script + " drops failed: SQL state " + sqlState + ": " + detail
                + ". Everything was rolled back; the database stays at revision " + revision + ".";
    }

    public static String notBackedUp(String finding) {
        return "Not backed up (--no-backup): " + finding;
    }

    public static String transactionControlInUndo(String script, int line, String statement) {
        return script + ":" + line + ": " + statement + " is not allowed in an undo script: a downgrade runs all its"
                + " undo scripts in one transaction, and BEGIN, COMMIT, ROLLBACK, SAVEPOINT or END would end or split it."
                + " Remove it. Nothing was changed.";
    }

    public static String outsideTransactionInUndo(String script, int line, String statement) {
        return script + ":" + line + ": " + statement + " cannot run inside a transaction, and a downgrade runs its undo"
                + " scripts in one. Change the statement (e.g. without CONCURRENTLY), or run this script on its own"
                + " outside the transaction: put executeInTransaction=false in " + script + ".conf (it must then be the"
                + " last step of the downgrade). Nothing was changed.";
    }

    public static String outsideTransactionNotLast(String script, String version) {
        return script + " runs outside a transaction (executeInTransaction=false), so it can only be the last step of"
                + " a downgrade. Downgrade to revision " + version + " first, then on. Nothing was changed.";
    }

    public static String outsideTransactionUnprobeable(String script, int line) {
        return script + ":" + line + ": this statement may destroy data, and " + script + " runs outside a transaction"
                + " (executeInTransaction=false), where db-migrate cannot find out what it destroys to back it up."
                + " Keep only the statements that need to run outside a transaction in that script, or downgrade with"
                + " --no-backup. Nothing was changed.";
    }

    public static String callbackOutsideTransactionUnprobeable(String callback, int line, String script) {
        return callback + ":" + line + ": this statement may destroy data, and this SQL callback runs with " + script
                + " outside a transaction (executeInTransaction=false), where db-migrate cannot find out what it"
                + " destroys to back it up. Keep such statements out of beforeEachUndo, afterEachUndo and afterUndo"
                + " callbacks, or downgrade with --no-backup. Nothing was changed.";
    }

    public static String ranOutsideTransaction(String script, String committedRevision) {
        return script + " ran outside the downgrade's transaction (executeInTransaction=false), after the other"
                + " undo scripts were committed at revision " + committedRevision + ": had it failed, the database"
                + " would have stayed there, with its statements before the failing one applied.";
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
        return what + script + " failed: SQL state " + sqlState + (line > 0 ? " at line " + line : "")
                + ": " + detail + ". It runs outside a transaction (executeInTransaction=false), so its statements"
                + " before the failing one stay applied; the undo scripts before it were committed. The database is at"
                + " revision " + revision + ".";
    }

    public static String probeMismatch(String script, java.util.List<String> relations, String revision) {
        return "Undo script " + script + " destroyed more when it ran than when db-migrate probed it ("
                + String.join(", ", relations) + "), so not all of it was backed up. Its effect must not depend on"
                + " time, chance or earlier runs. Everything was rolled back; the database stays at revision "
                + revision + ".";
    }

    public static String transactionEnded(String script, int line, String revision) {
        return "Undo script " + script + (line > 0 ? " at line " + line : "") + " ended the downgrade's transaction."
                + " The work before it may be committed: check the database; db-migrate's history says revision "
                + revision + ".";
    }

    public static String rowChangesInvisible() {
        return "Cannot back up what undo scripts destroy: track_counts is off on this server, so rows that a script"
                + " deletes or updates cannot be seen. Turn track_counts on (PostgreSQL's default; autovacuum needs it),"
                + " or downgrade with --no-backup. Nothing was changed.";
    }

    public static String wouldBackUp(String script, String backup) {
        return "Would back up before " + script + " destroys it: " + backup;
    }

    public static String cannotParse(String script, String detail) {
        return "Cannot parse " + script + ": " + detail + ". Nothing was changed.";
    }

    public static String atomicRefused(String flywayDetail) {
        return "An atomic upgrade cannot run here: " + flywayDetail.replace(" (even though mixed is false)", "")
                + ". Such a statement refuses a transaction; run the upgrade without --atomic. Nothing was applied.";
    }

    public static String flywayRefused(String detail) {
        return "Flyway refused the migrations: " + detail + ".";
    }

    // --- backups: list, restore, prune ------------------------------------------------------

    public static String badOnConflict(String value) {
        return "Invalid --on-conflict '" + value + "'. Use refuse (the default), skip or overwrite.";
    }

    public static String badKeepLast(String value) {
        return "Invalid keepLast '" + value + "': use a whole number, 0 or more.";
    }

    public static String keepLastNegative(int value) {
        return "Invalid --keep-last " + value + ": use 0 or more.";
    }

    public static String badDuration(String value) {
        return "Invalid --older-than '" + value + "'. Use a number and a unit: 30d, 12h, 45m or 0s.";
    }

    public static String olderThanRequired() {
        return "prune needs --older-than (30d, 12h, 45m, 0s): how old a backup must be to go. Nothing was changed.";
    }

    public static String backupsListed(int count, int restorable) {
        return count + " backup(s) kept in db_migrate_backup; " + restorable + " not restored yet.";
    }

    public static String unknownBackup(String name, java.util.List<String> known) {
        return "No backup named '" + name + "'. " + (known.isEmpty() ? "There are no backups."
                : "Backups: " + String.join(", ", known) + ".") + " Nothing was changed.";
    }

    public static String nothingToRestore() {
        return "Nothing to restore: no backup that is not restored yet has its source back. Re-create the table or"
                + " column (re-apply the migration), then restore.";
    }

    public static String restoreSourceMissing(String backup, String what) {
        return "Cannot restore " + backup + ": " + what + ". Re-apply the migration that creates it first. Nothing was"
                + " changed.";
    }

    public static String restoreConflict(String backup, long rows, String target, java.util.List<String> keys,
                                         boolean keyMissing) {
        return "Cannot restore " + backup + ": " + rows + " row(s) " + (keyMissing ? "have no row with their key in "
                : "already have a row with their key in ") + target + " (" + String.join("; ", keys)
                + (rows > keys.size() ? "; …" : "") + "). " + (keyMissing ? "Use --on-conflict skip to restore the others"
                : "Use --on-conflict skip to leave those rows as they are, or overwrite to replace them")
                + ". Nothing was changed.";
    }

    public static String restoreNoKey(String backup, String target) {
        return "Cannot restore " + backup + ": " + target + " has no primary key to match rows by, and it is not empty."
                + " Empty it first or restore by hand. Nothing was changed.";
    }

    public static String restoreValueDoesNotFit(String backup, String column, String type, java.util.List<String> rows) {
        return "Cannot restore " + backup + ": values of " + column + " no longer fit its type " + type + " (rows "
                + String.join("; ", rows) + "). Nothing was changed.";
    }

    public static String restored(int backups, long rows, boolean dryRun) {
        return (dryRun ? "Dry run: would restore " : "Restored ") + backups + " backup(s), " + rows + " row(s)"
                + (dryRun ? ". Nothing was changed." : ".");
    }

    public static String restoredOne(String backup, String target, long rows, long skipped) {
        return backup + " → " + target + ": " + rows + " row(s)" + (skipped > 0 ? ", " + skipped + " left as they were"
                : "");
    }

    public static String pruned(int count, String olderThan, int keepLast, int left, boolean dryRun) {
        return (dryRun ? "Dry run: would prune " : "Pruned ") + count + " backup(s) older than " + olderThan
                + (keepLast > 0 ? " (keeping the newest " + keepLast + " of each source)" : "") + "; " + left
                + " left." + (dryRun ? " Nothing was changed." : "");
    }

    // --- privileges ---------------------------------------------------------------------------

    private static final Pattern DENIED_ON = Pattern.compile("permission denied for (schema|database|table|sequence"
            + "|view|materialized view|function|procedure|type|foreign table|tablespace|language) (.+)");
    private static final Pattern OWNER_OF = Pattern.compile("must be owner of (.+?) (\\S+)");

    /** A privilege is missing outside any script (creating the history table, a scratch database...). */
    public static String permissionDenied(String user, String detail) {
        return "Permission denied for user '" + user + "': " + detail + ". " + grantHint(user, detail);
    }

    /**
     * What to grant, read from the server's English message; other wordings (lc_messages in another language) get
     * the general advice.
     */
    public static String grantHint(String user, String detail) {
        String role = Identifiers.quoteIfNeeded(user.isEmpty() ? "the_user" : user);
        String text = detail.trim();
        if (text.startsWith("permission denied to create database")) {
            return "Let the role create databases: ALTER ROLE " + role + " CREATEDB; (as a superuser).";
        }
        Matcher denied = DENIED_ON.matcher(text);
        if (denied.matches()) {
            String kind = denied.group(1);
            String name = Identifiers.quoteIfNeeded(denied.group(2));
            String privileges = switch (kind) {
                case "schema" -> "USAGE, CREATE";
                case "database" -> "CONNECT, CREATE";
                case "function", "procedure", "language" -> "EXECUTE";
                case "type" -> "USAGE";
                case "tablespace" -> "CREATE";
                case "sequence" -> "USAGE, SELECT, UPDATE";
                default -> "SELECT, INSERT, UPDATE, DELETE, REFERENCES";
            };
            String on = kind.equals("view") || kind.equals("materialized view") || kind.equals("foreign table")
                    ? "TABLE" : kind.equals("language") ? "LANGUAGE" : kind.toUpperCase(Locale.ROOT);
            return "Grant what the statement needs as the owner of " + kind + " " + name + ", for example: GRANT "
                    + privileges + " ON " + on + " " + name + " TO " + role + ";";
        }
        Matcher owner = OWNER_OF.matcher(text);
        if (owner.matches()) {
            return "Only the owner of " + owner.group(1) + " " + owner.group(2) + " (or a member of the owning role) may"
                    + " change it: run as that role, or grant it to " + role + " (GRANT owner_role TO " + role + ";).";
        }
        return "Grant " + role + " the missing privilege, or run as a role that has it.";
    }

    public static String sqlError(String sqlState, String detail) {
        return "Database error (SQL state " + sqlState + "): " + detail;
    }

    // --- repair -----------------------------------------------------------------------------

    public static String repaired(int removed, int deleted, int aligned, String revision, boolean dryRun) {
        List<String> parts = new java.util.ArrayList<>();
        if (removed > 0) {
            parts.add((dryRun ? "remove " : "removed ") + removed + " failed row(s)");
        }
        if (deleted > 0) {
            parts.add((dryRun ? "mark " : "marked ") + deleted + " migration(s) whose file is gone as deleted");
        }
        if (aligned > 0) {
            parts.add((dryRun ? "realign " : "realigned ") + aligned + " applied migration(s) with their files");
        }
        return (dryRun ? "Dry run: would repair the schema history: " : "Repaired the schema history: ")
                + String.join(", ", parts) + (dryRun ? "; the database would be at revision " + revision
                + ". Nothing was changed." : "; the database is at revision " + revision + ".");
    }

    public static String nothingToRepair(String revision) {
        return "Nothing to repair: no failed rows, and every applied migration matches its file; at revision "
                + revision + ".";
    }

    public static String repairRemoved(String migration) {
        return migration + ": failed row removed (clean up by hand what it left, if anything)";
    }

    public static String repairDeleted(String migration) {
        return migration + ": its file is gone; marked deleted";
    }

    public static String repairAligned(String migration, List<String> changes) {
        return migration + ": " + String.join(", ", changes);
    }

    /** An aligned row where no field differs that we can name (a repeatable's normalized checksum). */
    public static String repairRealigned() {
        return "realigned with its file";
    }

    public static String repairChanged(String what, String from, String to) {
        return what + " " + from + " → " + to;
    }

    // --- outcomes -------------------------------------------------------------------------

    /**
     * An upgrade's outcome. The revision is the highest version applied, so migrations applied out of order (below
     * it) and repeatable ones leave it where it was.
     */
    public static String upgraded(String from, String to, int versioned, List<String> outOfOrder,
                                  List<String> repeatables) {
        String done;
        if (!from.equals(to)) {
            done = "Upgraded from revision " + from + " to " + to + ": applied " + versioned + " migration(s)"
                    + (outOfOrder.isEmpty() ? "" : ", out of order: " + String.join(", ", outOfOrder));
        } else if (versioned > 0) {
            done = "Applied " + versioned + " migration(s) out of order (" + String.join(", ", outOfOrder)
                    + "): the database stays at revision " + to + ", the highest version applied";
        } else {
            done = "At revision " + to;
        }
        String separator = from.equals(to) && versioned == 0 ? ": " : "; ";
        return done + (repeatables.isEmpty() ? "" : separator + "ran " + repeatables.size()
                + " repeatable migration(s): " + String.join(", ", repeatables)) + ".";
    }

    public static String downgraded(int count, String from, String to) {
        return "Downgraded from revision " + from + " to " + to + ": undid " + count + " migration(s).";
    }

    /**
     * A downgrade's outcome. The revision is the highest version still applied, so it stays when only migrations
     * applied out of order (below it) were undone.
     */
    public static String downgraded(int count, String from, String to, List<String> undone, List<String> reapply) {
        String done = from.equals(to) ? "Undid " + count + " migration(s) applied out of order (" + String.join(", ",
                undone) + "): the database stays at revision " + to + ", the highest version still applied."
                : downgraded(count, from, to);
        return done + toReapply(reapply, false);
    }

    private static String toReapply(List<String> repeatables, boolean dryRun) {
        return repeatables.isEmpty() ? "" : (dryRun ? " Would mark" : " Marked") + " " + repeatables.size()
                + " repeatable migration(s) to be re-applied by the next upgrade, after the versioned ones: "
                + String.join(", ", repeatables) + ".";
    }

    public static String dryRunUpgrade(int count, String from, String to, int findings, int repeatables) {
        return "Dry run: would upgrade from revision " + from + " to " + to + ", applying " + count
                + " migration(s)" + (repeatables == 0 ? "" : " and " + repeatables + " repeatable migration(s)")
                + destructive(findings) + ". Nothing was changed.";
    }

    public static String dryRunDowngrade(int count, String from, String to, int findings, int backups,
                                         List<String> reapply) {
        return "Dry run: would downgrade from revision " + from + " to " + to + ", undoing " + count
                + " migration(s)" + destructive(findings) + (backups == 0 ? "" : "; would back up " + backups
                + " table(s), column set(s), sequence(s) or view(s) that hold what the undo scripts destroy")
                + "." + toReapply(reapply, true) + " Nothing was changed.";
    }

    private static String destructive(int findings) {
        return findings == 0 ? "" : "; " + findings + " destructive statement(s), listed in warnings";
    }

    public static String current(String revision, int pending) {
        return "At revision " + revision + (pending == 0 ? "; up to date." : "; " + pending + " migration(s) pending.");
    }

    public static String info(int total, String revision, int pending) {
        return total + " migration(s); at revision " + revision + ", " + pending + " pending.";
    }

    public static String valid(int count, int irreversible, int ignoredFiles, int repeatablesPending) {
        return (irreversible == 0
                ? "Validated " + count + " migration(s): every applied migration matches its file and has an undo script."
                : "Validated " + count + " migration(s): every applied migration matches its file; " + irreversible
                        + " cannot be reversed (listed in warnings, allowed by --allow-irreversible).")
                + (ignoredFiles == 0 ? "" : " " + ignoredFiles + " file(s) will never run (listed in warnings).")
                + (repeatablesPending == 0 ? "" : " " + repeatablesPending + " repeatable migration(s) are not applied"
                        + " in their current form, so what they create may be missing (listed in warnings); upgrade"
                        + " applies them.");
    }

    public static String misnamedScript(String file, String folder) {
        return file + " in " + folder + " is not a migration name, so Flyway skips it without a word: name it"
                + " V<version>__<description>.sql (two underscores), U<version>__<description>.sql for its undo script,"
                + " or R__<description>.sql for a repeatable.";
    }

    public static String orphanUndoScript(String file, String version) {
        return file + " undoes V" + version + ", which is neither a migration file nor in the history, so no downgrade"
                + " will run it: rename it to the version it undoes, or delete it.";
    }

    public static String repeatablePending(String script) {
        return script + " is pending (never applied, changed, or marked by a downgrade): what it creates may be missing"
                + " until the next upgrade applies it";
    }

    public static String noUndoScript(String version) {
        return "V" + version + " has no undo script U" + version + "__*.sql";
    }

    public static String validationFailed(List<String> problems) {
        return "Validation failed: " + String.join("; ", problems);
    }

    public static String verified(int count, String to, int repeatables) {
        return "Verified " + count + " migration(s) up to revision " + to + ": each undo script restores the schema"
                + " exactly, and re-applying gives the same schema." + (repeatables == 0 ? "" : " " + repeatables
                + " repeatable migration(s) come back as they were after a downgrade to base and an upgrade to "
                + to + ".");
    }

    public static String repeatablesDoNotReturn(String to, List<String> differences) {
        return "The repeatable migrations do not come back as they were: after a downgrade to base and an upgrade to "
                + to + " the schema differs (first → second time): " + String.join("; ", differences) + ".";
    }

    public static String verifyRepeatablesFailed(String action, String revision, String detail) {
        return "Verify stopped with the repeatable migrations applied, at " + action + " " + revision + ": " + detail;
    }

    public static String notReversible(List<String> versions, String locations) {
        return "Cannot verify: " + String.join(", ", versions) + " cannot be reversed: no undo script found in "
                + locations + ".";
    }

    public static String doesNotRoundTrip(String version, String undoScript, List<String> differences) {
        return "Migration V" + version + " does not round-trip: after " + undoScript + " the schema differs from"
                + " before V" + version + " (before → after undo): " + String.join("; ", differences) + ".";
    }

    public static String reapplyDiffers(String version, List<String> differences) {
        return "Migration V" + version + " does not round-trip: applying it again after its undo gives another"
                + " schema (first → second time): " + String.join("; ", differences) + ".";
    }

    public static String verifyStepFailed(String version, String detail) {
        return "Verify stopped at V" + version + ": " + detail;
    }

    public static String scratchUnavailable(String action, String detail, String user, boolean denied) {
        return action + " needs a scratch database on the same server and could not create one (" + detail
                + "). " + (denied ? grantHint(user, detail) : "Fix that on the server, then run " + action + " again.");
    }

    public static String created(String versionFile, String undoFile) {
        return "Created " + versionFile + " and " + undoFile + ".";
    }

    public static String cannotWrite(String detail) {
        return "Cannot write the migration files: " + detail;
    }

    // --- create --autogenerate ------------------------------------------------------------

    public static String autogenerateOnlyForCreate(String action) {
        return "The action '" + action + "' takes no schema file: --autogenerate is for create.";
    }

    public static String schemaFileUnreadable(String file, String reason) {
        return "Cannot read the schema file " + file + " (" + reason + "). Nothing was written.";
    }

    public static String schemaFileFailed(String file, String sqlState, int line, String detail) {
        return "The schema file " + file + " failed on a scratch database: SQL state " + sqlState
                + (line > 0 ? " at line " + line : "") + ": " + detail + ". Nothing was written.";
    }

    public static String autogenerateHeadFailed(String detail) {
        return "Cannot bring a scratch database to head to compare with: " + detail + " Nothing was written.";
    }

    public static String autogenerateNoChanges(String file) {
        return "No changes: the database at head already matches " + file + ". Nothing was written.";
    }

    public static String autogenerateUnsupported(String file, List<String> differences) {
        return "Cannot autogenerate from " + file + ": " + String.join("; ", differences) + ". Write this migration"
                + " with plain create. Nothing was written.";
    }

    public static String autogenerateNoFunctions(String function) {
        return "function " + function + " differs, and autogenerate does not write functions";
    }

    public static String autogenerateNoPartitions(String table) {
        return "table " + table + " differs, and autogenerate does not write partitioned tables or partitions";
    }

    public static String autogenerateScriptFailed(String file, String script, String sqlState, int line,
                                                  String detail) {
        return "Cannot autogenerate from " + file + ": the generated " + script + " failed on a scratch database"
                + " (SQL state " + sqlState + (line > 0 ? " at line " + line : "") + ": " + detail
                + "). Nothing was written.";
    }

    public static String autogenerateDoesNotReproduce(String file, String script, List<String> differences) {
        return "Cannot autogenerate from " + file + ": after the generated " + script + " the schema still differs"
                + " from the file (after " + script + " → file): " + String.join("; ", differences)
                + ". Nothing was written.";
    }

    public static String autogenerateUndoDoesNotRestore(String file, String undoScript, String head,
                                                        List<String> differences) {
        return "Cannot autogenerate from " + file + ": the generated " + undoScript + " does not restore revision "
                + head + " (after " + undoScript + " → revision " + head + "): " + String.join("; ", differences)
                + ". Nothing was written.";
    }

    public static String autogenerated(String versionFile, String undoFile, String file, int statements,
                                       int destructive) {
        return "Created " + versionFile + " and " + undoFile + " from the difference to " + file + ": " + statements
                + " statement(s)" + (destructive == 0 ? "" : ", " + destructive
                + " destructive statement(s) listed in warnings") + ". Both were proven on a scratch database.";
    }

    public static List<String> autogenerateHeader(String description, String file, String head) {
        return List.of(description, "Generated by db-migrate create --autogenerate from " + file
                + ": turns revision " + head + " into the schema in that file.");
    }

    public static List<String> autogenerateUndoHeader(String versionFile, String head) {
        return List.of("Undo of " + versionFile + ", generated with it: turns the schema back into revision "
                + head + ". Run by downgrade in one transaction.");
    }

    public static String autogenerateDropsTable(String table, boolean undo) {
        return "drops table " + table + " (" + dataLost(undo) + ")";
    }

    public static String autogenerateDropsColumn(String table, String column, boolean undo) {
        return "drops column " + table + "." + column + " (" + dataLost(undo) + ")";
    }

    public static String autogenerateDropsType(String type) {
        return "drops type " + type;
    }

    public static String autogenerateChangesColumnType(String table, String column, String from, String to) {
        return "changes the type of column " + table + "." + column + " from " + from + " to " + to
                + " (values that do not convert make the script fail; others may lose precision)";
    }

    public static String autogenerateRecreatesType(String type, List<String> removedValues) {
        return "recreates type " + type + (removedValues.isEmpty() ? " to reorder its values"
                : " without " + String.join(", ", removedValues.stream().map(v -> "'" + v + "'").toList())
                + " (rows holding a removed value make the script fail)");
    }

    private static String dataLost(boolean undo) {
        return undo ? "data is lost unless the downgrade backs it up" : "its data is lost";
    }

    // --- Flyway configuration (flyway.toml, flyway.conf, FLYWAY_*) ----------------------------

    public static String configFileMissing(String file) {
        return "Cannot read config file " + file + ": no such file.";
    }

    public static String configFileUnreadable(String file) {
        return "Cannot read config file " + file + ".";
    }

    public static String configFileNotToml(String file, int line, int column) {
        return "Cannot read config file " + file + ": not valid TOML at line " + line + ", column " + column + ".";
    }

    public static String tomlAndConfTogether(List<String> toml, List<String> conf) {
        return "Cannot use TOML and .conf config files together (" + String.join(", ", toml) + "; "
                + String.join(", ", conf) + "), as Flyway cannot. Keep one kind.";
    }

    /** Flyway reads TOML or .conf files, never both: {@code skipped} is of the other kind than {@code read}. */
    public static String confNotRead(String skipped, String read) {
        return skipped + " is not read: " + read + " is, and Flyway reads one kind of config file.";
    }

    public static String environmentNotFound(String name) {
        return "Environment '" + name + "' not found. Check that this environment exists in your configuration.";
    }

    public static String invalidFlywaySetting(String flywayMessage) {
        return "Invalid Flyway configuration: " + flywayMessage.strip();
    }

    public static String historyTableNotSupported(String table) {
        return "The Flyway setting table = '" + table + "' is not supported: db-migrate reads and writes the history"
                + " in flyway_schema_history only. Remove the setting.";
    }

    public static String unknownSetting(String key, String origin) {
        return "Unknown setting '" + key + "' (from " + origin + "): ignored.";
    }

    public static String settingNotUsed(String key, String origin) {
        return "Setting '" + key + "' (from " + origin + ") is not used by db-migrate: ignored.";
    }

    public static String settingBelongsInEnvironment(String key, String origin) {
        return "Setting '" + key + "' (from " + origin + ") belongs under [environments.<name>] in a Flyway TOML file:"
                + " ignored.";
    }

    // --- create --undo ------------------------------------------------------------------------

    public static String undoOnlyForCreate(String action) {
        return "--undo is for create (got '" + action + "').";
    }

    public static String undoWithAutogenerate() {
        return "--undo and --autogenerate do not go together: --undo writes undo scripts for existing V scripts.";
    }

    public static String undoUnknownVersion(String input, List<String> known) {
        return "Cannot write an undo script for V" + input + ": no V script of that version. Known versions: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".";
    }

    public static String undoExists(String script, String undo) {
        return script + ": left as it is: " + undo + " exists (create --undo never overwrites)";
    }

    public static String undoNothingToWrite() {
        return "Every V script has an undo script: nothing to write.";
    }

    public static String undoWritten(int written, int listed, boolean dryRun) {
        return (dryRun ? "Dry run: would write " : "Wrote ") + written + " undo script(s), each proven on a scratch"
                + " database" + (listed == 0 ? "." : "; " + listed + " V script(s) left without one, with the reason in"
                + " warnings (validate and info show them as irreversible).") + (dryRun ? " Nothing was written." : "");
    }

    public static String undoListed(String script, List<String> reasons) {
        return script + ": no undo script written: " + String.join("; ", reasons);
    }

    public static String undoNotSql() {
        return "it is not a SQL script";
    }

    public static String undoUnreadable(String detail) {
        return "cannot read it (" + detail + ")";
    }

    public static String undoScriptFailed(String undo, String sqlState, int line, String detail) {
        return "the generated " + undo + " failed on the scratch database (SQL state " + sqlState
                + (line > 0 ? " at line " + line : "") + ": " + detail + ")";
    }

    public static String undoDoesNotRestore(String undo, List<String> differences) {
        return "the generated " + undo + " does not give back the schema before it (before → after undo): "
                + String.join("; ", differences.subList(0, Math.min(5, differences.size())))
                + (differences.size() > 5 ? "; and " + (differences.size() - 5) + " more" : "");
    }

    public static String undoReapplyFailed(String sqlState, int line, String detail) {
        return "it fails when applied again after the generated undo (SQL state " + sqlState
                + (line > 0 ? " at line " + line : "") + ": " + detail + ")";
    }

    public static String undoReapplyDiffers(List<String> differences) {
        return "applied again after the generated undo it gives another schema (first → second time): "
                + String.join("; ", differences.subList(0, Math.min(5, differences.size())))
                + (differences.size() > 5 ? "; and " + (differences.size() - 5) + " more" : "");
    }

    public static String undoScratchFailed(String script, String detail) {
        return "create --undo stopped at " + script + ": it fails on a scratch database, so it and the V scripts"
                + " after it cannot be proven: " + detail;
    }

    public static String undoStopped(String reason, int written, boolean dryRun) {
        return reason + (written == 0 ? " Nothing was written." : dryRun ? " Nothing was written (dry run)."
                : " The " + written + " undo script(s) written before it are proven and stay.");
    }

    public static List<String> undoHeader(String script, String version, String previous) {
        return List.of("Undo of " + script + ", generated by db-migrate create --undo. Run by downgrade in one"
                        + " transaction.",
                "Proven on a scratch database before it was written: after V" + version + " it gives back the schema"
                        + " of revision " + previous + " exactly, and V" + version + " applied again gives the same"
                        + " schema as the first time.");
    }

    public static String undoHeaderOutsideTransaction(String script, String undo) {
        return "Undo of " + script + ", generated by db-migrate create --undo. Runs outside a transaction, as its V"
                + " does (" + undo + ".conf), so it can only be the last step of a downgrade.";
    }

    public static String verifiedAllowingIrreversible(int count, String to, int repeatables,
                                                      List<String> irreversible) {
        return verified(count, to, repeatables) + (irreversible.isEmpty() ? "" : " " + irreversible.size() + " migration(s)"
                + " without an undo script were applied and not verified (listed in warnings).");
    }

    // --- admin endpoints ------------------------------------------------------------------

    public static String adminOnly() {
        return "Only administrators may use the db-migrate endpoints.";
    }

    public static String unknownEndpoint(String path) {
        return "No db-migrate endpoint at '" + path + "'. Use status, migrate, downgrade, backups, restore or prune.";
    }

    public static String unknownTarget(String target) {
        return target.isEmpty()
                ? "No default database target is configured. Name one in the path, as in <target>/status."
                : "Unknown database target '" + target + "'.";
    }

    public static String adminRunStarted(String endpoint, String statusPath) {
        return "Started " + endpoint + ": GET " + statusPath + " for its progress and result.";
    }

    public static String adminRunRunning() {
        return "Still running.";
    }

    public static String unknownRun(String runId) {
        return "No run '" + runId + "' on this target. Runs are kept in memory, the newest 100, until a restart.";
    }

    public static String methodNotAllowed(String method, String endpoint, List<String> allowed) {
        return "Method " + method + " is not allowed on " + endpoint + ": use " + String.join(" or ", allowed) + ".";
    }

    public static String undoHeaderCascade() {
        return "Drops with CASCADE where the objects of repeatable migrations (R__) stand on what it drops: a downgrade"
                + " backs them up, and the next upgrade applies the repeatable migrations again.";
    }
}
