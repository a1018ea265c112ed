package io.dbmigrate.engine.error;

import java.util.List;

/**
 * What was asked cannot be done as asked: a revision, an action's options, the step's parameters. Each is refused
 * before anything changes.
 */
public final class RequestFailures {
    private RequestFailures() {
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

    public static String stepActionRequired(List<String> actions) {
        return "dbMigrate needs an action: one of " + String.join(", ", actions) + ".";
    }

    public static String stepRejectsCreate() {
        return "dbMigrate does not run create: it writes new migration files. Run create with the command line "
                + "and commit the files.";
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

    public static String unknownBackup(String name, java.util.List<String> known) {
        return "No backup named '" + name + "'. " + (known.isEmpty() ? "There are no backups."
                : "Backups: " + String.join(", ", known) + ".") + " Nothing was changed.";
    }

    public static String cannotWrite(String detail) {
        return "Cannot write the migration files: " + detail;
    }

    public static String autogenerateOnlyForCreate(String action) {
        return "The action '" + action + "' takes no schema file: --autogenerate is for create.";
    }

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
}
