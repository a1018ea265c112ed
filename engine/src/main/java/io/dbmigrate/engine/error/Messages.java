package io.dbmigrate.engine.error;

import java.util.ArrayList;
import java.util.List;

/**
 * What a successful run says, and texts shared by every front end. Failures live by area: {@link DatabaseFailures},
 * {@link RequestFailures}, {@link ScriptFailures}, {@link RunFailures}, {@link CreateFailures}; beside them
 * {@link Warnings}, {@link FileHeaders} and {@link AdminTexts}.
 * One factory per message, so the wording lives in one place and tests can assert it. Messages say what happened and
 * what to do next; none takes a password.
 */
public final class Messages {
    private Messages() {
    }

    public static String alreadyAt(String revision) {
        return "Already at revision " + revision + ": nothing to apply.";
    }

    public static String stepFailed(String action, String message) {
        return "dbMigrate " + (action.isEmpty() ? "" : action + " ") + "failed: " + message;
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

    public static String backupsListed(int count, int restorable) {
        return count + " backup(s) kept in db_migrate_backup; " + restorable + " not restored yet.";
    }

    public static String nothingToRestore() {
        return "Nothing to restore: no backup that is not restored yet has its source back. Re-create the table or"
                + " column (re-apply the migration), then restore.";
    }

    public static String restored(int backups, long rows, boolean dryRun) {
        return (dryRun ? "Dry run: would restore " : "Restored ") + backups + " backup(s), " + rows + " row(s)"
                + (dryRun ? ". Nothing was changed." : ".");
    }

    public static String pruned(int count, String olderThan, int keepLast, int left, boolean dryRun) {
        return (dryRun ? "Dry run: would prune " : "Pruned ") + count + " backup(s) older than " + olderThan
                + (keepLast > 0 ? " (keeping the newest " + keepLast + " of each source)" : "") + "; " + left
                + " left." + (dryRun ? " Nothing was changed." : "");
    }

    public static String repaired(int removed, int deleted, int aligned, String revision, boolean dryRun) {
        List<String> parts = new ArrayList<>();
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

    public static String verified(int count, String to, int repeatables) {
        return "Verified " + count + " migration(s) up to revision " + to + ": each undo script restores the schema"
                + " exactly, and re-applying gives the same schema." + (repeatables == 0 ? "" : " " + repeatables
                + " repeatable migration(s) come back as they were after a downgrade to base and an upgrade to "
                + to + ".");
    }

    public static String created(String versionFile, String undoFile) {
        return "Created " + versionFile + " and " + undoFile + ".";
    }

    public static String autogenerateNoChanges(String file) {
        return "No changes: the database at head already matches " + file + ". Nothing was written.";
    }

    public static String autogenerated(String versionFile, String undoFile, String file, int statements,
                                       int destructive) {
        return "Created " + versionFile + " and " + undoFile + " from the difference to " + file + ": " + statements
                + " statement(s)" + (destructive == 0 ? "" : ", " + destructive
                + " destructive statement(s) listed in warnings") + ". Both were proven on a scratch database.";
    }

    public static String undoNothingToWrite() {
        return "Every V script has an undo script: nothing to write.";
    }

    public static String undoWritten(int written, int listed, boolean dryRun) {
        return (dryRun ? "Dry run: would write " : "Wrote ") + written + " undo script(s), each proven on a scratch"
                + " database" + (listed == 0 ? "." : "; " + listed + " V script(s) left without one, with the reason in"
                + " warnings (validate and info show them as irreversible).") + (dryRun ? " Nothing was written." : "");
    }

    public static String verifiedAllowingIrreversible(int count, String to, int repeatables,
                                                      List<String> irreversible) {
        return verified(count, to, repeatables) + (irreversible.isEmpty() ? "" : " " + irreversible.size() + " migration(s)"
                + " without an undo script were applied and not verified (listed in warnings).");
    }
}
