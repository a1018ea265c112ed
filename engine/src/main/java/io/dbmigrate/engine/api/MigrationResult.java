package io.dbmigrate.engine.api;

import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.MigrationException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did, the same fields for every action and every front end.
 *
 * @param action           what ran; null only when a step was refused before its action was known
 * @param currentRevision  the revision the database is at now; {@code base} before any migration
 * @param previousRevision the revision before this run (upgrade, downgrade), else the revision before the
 *                         last upgrade that changed it; empty when unknown
 * @param target           the resolved target revision, or empty when the action has none
 * @param migrations       applied or undone by this run (for {@code info}: every migration)
 * @param error            why it failed; null on success
 * @param pending          what Flyway counts pending: versioned and repeatable migrations an upgrade to head applies
 * @param backups          data a downgrade copied to db_migrate_backup before dropping it (info: all backups kept)
 */
public record MigrationResult(boolean success, String message, String currentRevision, String previousRevision,
                              Action action, String target, List<MigrationStep> migrations, ErrorKind error,
                              int pending, List<String> warnings, List<BackupTable> backups) implements Serializable {

    public MigrationResult {
        currentRevision = currentRevision == null ? "" : currentRevision;
        previousRevision = previousRevision == null ? "" : previousRevision;
        target = target == null ? "" : target;
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        backups = backups == null ? List.of() : List.copyOf(backups);
        if (success != (error == null)) {
            throw new IllegalArgumentException("a failed result needs an error kind, a successful one none");
        }
    }

    /** A failure before anything was read from the database. */
    public static MigrationResult failed(Action action, MigrationException error) {
        return new MigrationResult(false, error.getMessage(), "", "", action, "", List.of(), error.kind(), 0, List.of(),
                List.of());
    }

    /** The same result with these warnings before its own (what reading the configuration ignored). */
    public MigrationResult withWarningsFirst(List<String> first) {
        if (first.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(warnings);
        return new MigrationResult(success, message, currentRevision, previousRevision, action, target, migrations,
                error, pending, all, backups);
    }

    /** The same result with another message (used to mask secrets once, at the edge of the engine). */
    public MigrationResult withMessage(String newMessage) {
        return new MigrationResult(success, newMessage, currentRevision, previousRevision, action, target, migrations,
                error, pending, warnings, backups);
    }
}
