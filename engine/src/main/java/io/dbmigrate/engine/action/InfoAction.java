package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.BackupCatalog;

import java.sql.SQLException;
import java.util.List;

/**
 * Lists every migration as Flyway's info does, versioned and repeatable: version (none for a repeatable), description,
 * state, when applied, and whether it can be undone.
 */
public final class InfoAction {
    private final Session session;

    public InfoAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        // a missing folder would read as "no migrations", and so as up to date
        session.locations().requireUsable();
        MigrationCatalog catalog = session.catalog();
        List<MigrationStep> all = catalog.listed().stream()
                .map(info -> MigrationCatalog.describe(info, session.locations()))
                .toList();
        String previous = session.previousRevision().map(Revisions::display).orElse("");
        int pending = catalog.pendingCount();
        return Results.of(session.request()).revisions(catalog.currentRevision(), previous).migrations(all)
                .pending(pending).backups(BackupCatalog.list(session.connection()))
                .success(Messages.info(all.size(), catalog.currentRevision(), pending));
    }
}
