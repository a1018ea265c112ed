package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.revision.Revisions;

import java.sql.SQLException;
import java.util.List;

/** Reports the current revision, the previous one and how many migrations are pending. Reads only. */
public final class CurrentAction {
    private final Session session;

    public CurrentAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        // a missing folder would read as "no migrations", and so as up to date
        session.locations().requireUsable();
        MigrationCatalog catalog = session.catalog();
        String previous = session.previousRevision().map(Revisions::display).orElse("");
        int pending = catalog.pendingCount();
        return Results.success(session.request(), Messages.current(catalog.currentRevision(), pending),
                catalog.currentRevision(), previous, "", List.of(), pending);
    }
}
