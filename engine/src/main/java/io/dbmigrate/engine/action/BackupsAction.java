package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.BackupCatalog;

import java.sql.SQLException;
import java.util.List;

/** Lists every backup downgrades kept: source, migration version, when, by whom, rows, size, restored or not. */
public final class BackupsAction {
    private final Session session;

    public BackupsAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        List<BackupTable> backups = BackupCatalog.list(session.connection());
        String current = session.historyExists() ? session.catalog().currentRevision() : Revisions.BASE;
        int open = (int) backups.stream().filter(b -> b.restoredAt().isEmpty() && b.holdsData()).count();
        return Results.of(session.request()).revisions(current, "").backups(backups)
                .success(Messages.backupsListed(backups.size(), open));
    }
}
