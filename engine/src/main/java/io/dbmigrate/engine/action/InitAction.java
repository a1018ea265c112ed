package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.revision.RevisionExpression;
import io.dbmigrate.engine.revision.Revisions;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Makes a database ready: creates missing schemas and the schema history table. A schema that already
 * holds tables is baselined at the revision given (required then). Running it twice says so and succeeds.
 */
public final class InitAction {
    private final Session session;

    public InitAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        Optional<MigrationVersion> baseline = baselineVersion();
        session.lockRun();
        if (session.historyExists()) {
            String current = session.catalog().currentRevision();
            return Results.success(session.request(), Messages.alreadyInitialized(session.schema(), current), current,
                    current, "", List.of(), session.catalog().pendingCount());
        }
        long started = System.nanoTime();
        String message;
        String revision;
        if (HistoryTable.schemaHasObjects(session.connection(), session.schema())) {
            if (baseline.isEmpty()) {
                throw RunFailures.baselineNeeded(session.schema());
            }
            String description = session.request().flywaySettings().baselineDescription();
            session.flywayConfig().baselineVersion(baseline.get())
                    .baselineDescription(description.isEmpty() ? "db-migrate init" : description).load().baseline();
            revision = Revisions.display(baseline.get());
            message = Messages.baselined(session.schema(), revision);
        } else {
            // target "current" applies nothing: Flyway only creates the schemas and its history table
            session.flywayConfig().target(MigrationVersion.CURRENT).load().migrate();
            revision = Revisions.BASE;
            message = Messages.initialized(session.schema());
        }
        session.audit().record(new AuditLog.Entry("init", Revisions.BASE, revision, true, session.request().actor(),
                (System.nanoTime() - started) / 1_000_000, 0, message));
        return Results.success(session.request(), message, revision, Revisions.BASE, revision, List.of(),
                session.catalog().pendingCount());
    }

    /**
     * The revision to baseline at, when one is given, else the project's Flyway {@code baselineVersion}; it must be an
     * explicit version.
     */
    private Optional<MigrationVersion> baselineVersion() {
        String given = session.request().revision();
        String revision = given.isEmpty() ? session.request().flywaySettings().baselineVersion() : given;
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        if (RevisionExpression.parse(revision) instanceof RevisionExpression.Exact exact) {
            return Optional.of(exact.version());
        }
        throw RequestFailures.baselineNeedsVersion(revision);
    }
}
