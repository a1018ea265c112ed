package io.dbmigrate.engine.error;

import java.util.List;

/**
 * What was asked cannot be done as asked: a revision, an action's options, the step's parameters. Each is refused
 * before anything changes.
 */
public final class RequestFailures {
    private RequestFailures() {
    }

    public static MigrationException unknownAction(String action, List<String> known) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Unknown action '" + action + "'. Use one of: " + String.join(", ", known) + ".");
    }

    public static MigrationException badRevision(String input) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid revision '" + input + "'. Use head, base, previous, a version such as 3 or 3.1, "
                + "or a relative step such as -1 or +2.");
    }

    public static MigrationException baselineNeedsVersion(String input) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid revision '" + input + "' for init: a baseline is an explicit version, such as 3.");
    }

    public static MigrationException unknownRevision(String input, List<String> known) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Unknown revision '" + input + "'. Known versions: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
    }

    public static MigrationException relativeOutOfRange(String input, String current, int available) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Relative revision " + input + " goes beyond the migrations: at revision " + current
                + " only " + available + " step(s) exist in that direction.");
    }

    public static MigrationException noPrevious() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "There is no previous revision yet: no upgrade that changed the revision has been recorded.");
    }

    public static MigrationException upgradeTargetBelowCurrent(String target, String current) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Revision " + target + " is below the current revision " + current
                + ": use downgrade to go back.");
    }

    public static MigrationException downgradeTargetAboveCurrent(String target, String current) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Revision " + target + " is above the current revision " + current + ": use upgrade to go forward.");
    }

    public static MigrationException downgradeTargetNotApplied(String target, List<String> applied) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Revision " + target + " was never applied, so the database was never at it: downgrade to an applied"
                + " revision (" + (applied.isEmpty() ? "none" : String.join(", ", applied)) + ") or base.");
    }

    public static MigrationException revisionNotAllowed(String action, String revision) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "The action '" + action + "' takes no revision (got '" + revision + "').");
    }

    public static MigrationException descriptionRequired() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "create needs a description, for example --description \"add priority to tasks\".");
    }

    public static MigrationException noFilesystemLocation(List<String> locations) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "create writes into a filesystem location, but none is configured (" + String.join(", ", locations)
                + "). Pass --locations filesystem:db/migration.");
    }

    public static MigrationException wouldOverwrite(String file) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Refusing to overwrite " + file + ": it already exists.");
    }

    public static MigrationException lockTimeoutNegative(int seconds) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid lock timeout " + seconds + ": use 0 or more seconds.");
    }

    public static MigrationException stepActionRequired(List<String> actions) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "dbMigrate needs an action: one of " + String.join(", ", actions) + ".");
    }

    public static MigrationException stepRejectsCreate() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "dbMigrate does not run create: it writes new migration files. Run create with the command line "
                + "and commit the files.");
    }

    public static MigrationException stepTargetWithConnection(String target) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "The target '" + target + "' names its own database and credentials: drop url and credentialsId, "
                + "or drop target.");
    }

    public static MigrationException stepUnknownTarget(String target, List<String> known) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Unknown target '" + target + "'. Configured targets: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + " (Manage Jenkins > System > db-migrate targets).");
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

    public static MigrationException notANumber(String value) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "'" + value + "' is not a whole number.");
    }

    public static MigrationException stepLocationNotFilesystem(String location) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "dbMigrate reads migrations from the workspace: use filesystem: locations or plain folders "
                + "(got '" + location + "').");
    }

    public static MigrationException badOnConflict(String value) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid --on-conflict '" + value + "'. Use refuse (the default), skip or overwrite.");
    }

    public static MigrationException badKeepLast(String value) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid keepLast '" + value + "': use a whole number, 0 or more.");
    }

    public static MigrationException keepLastNegative(int value) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid --keep-last " + value + ": use 0 or more.");
    }

    public static MigrationException badDuration(String value) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Invalid --older-than '" + value + "'. Use a number and a unit: 30d, 12h, 45m or 0s.");
    }

    public static MigrationException olderThanRequired() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "prune needs --older-than (30d, 12h, 45m, 0s): how old a backup must be to go. Nothing was changed.");
    }

    public static MigrationException unknownBackup(String name, List<String> known) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "No backup named '" + name + "'. " + (known.isEmpty() ? "There are no backups."
                : "Backups: " + String.join(", ", known) + ".") + " Nothing was changed.");
    }

    public static MigrationException cannotWrite(String detail) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot write the migration files: " + detail);
    }

    public static MigrationException autogenerateOnlyForCreate(String action) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "The action '" + action + "' takes no schema file: --autogenerate is for create.");
    }

    public static MigrationException undoOnlyForCreate(String action) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "--undo is for create (got '" + action + "').");
    }

    public static MigrationException undoWithAutogenerate() {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "--undo and --autogenerate do not go together: --undo writes undo scripts for existing V scripts.");
    }

    public static MigrationException undoUnknownVersion(String input, List<String> known) {
        return new MigrationException(ErrorKind.INVALID_INPUT,
                "Cannot write an undo script for V" + input + ": no V script of that version. Known versions: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
    }
}
