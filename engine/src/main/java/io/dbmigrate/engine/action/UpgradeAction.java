package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationResult;
import io.dbmigrate.engine.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.ErrorTranslator;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.revision.RevisionExpression;
import io.dbmigrate.engine.revision.Revisions;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

import io.dbmigrate.engine.plan.Planner;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** Applies pending migrations up to the target with Flyway itself, under our run lock, and audits it. */
public final class UpgradeAction {
    private final Session session;

    public UpgradeAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        RevisionExpression expression = RevisionExpression.parse(session.request().effectiveRevision());
        MigrationCatalog catalog = session.lockAndRead();
        if (!catalog.historyExists() && HistoryTable.schemaHasObjects(session.connection(), session.schema())) {
            throw new MigrationException(ErrorKind.NOT_INITIALIZED, Messages.nonEmptyWithoutHistory(session.schema()));
        }
        String from = catalog.currentRevision();
        MigrationVersion target = session.resolveTarget(catalog, expression);
        if (target.compareTo(catalog.current()) < 0) {
            throw new MigrationException(ErrorKind.INVALID_INPUT,
                    Messages.upgradeTargetBelowCurrent(Revisions.display(target), from));
        }
        catalog.requireValidForUpgrade(session.locations());
        List<MigrationInfo> pending = catalog.pendingUpTo(target);
        if (pending.isEmpty()) {
            return Results.success(session.request(), Messages.alreadyAt(from), from, from, Revisions.display(target),
                    List.of(), catalog.pendingCount());
        }
        if (session.request().dryRun()) {
            return plan(pending, from, target, catalog.pendingCount());
        }

        ProgressCallback progress = new ProgressCallback(pending.size(), session.progress(), session.locations());
        long started = System.nanoTime();
        try {
            // validateOnMigrate off: the catalog read above already validated (requireValidForUpgrade), and a
            // second full scan and checksum of every file is what would make us slower than plain Flyway
            session.flywayConfig().target(target).callbacks(progress).validateOnMigrate(false).load().migrate();
        } catch (FlywayException e) {
            if (e instanceof FlywayMigrateException failed && ErrorTranslator.isScriptFailure(failed)) {
                return scriptFailed(failed, progress, from, target, pending.size(), started);
            }
            if (session.request().atomic() && String.valueOf(e.getMessage()).contains("non-transactional")) {
                throw new MigrationException(ErrorKind.INVALID_INPUT, Messages.atomicRefused(e.getMessage()));
            }
            throw session.errors().translate(e);
        }
        List<MigrationStep> applied = progress.applied();
        String to = applied.isEmpty() ? from : applied.get(applied.size() - 1).version();
        String message = Messages.upgraded(applied.size(), from, to);
        audit(from, to, true, started, applied.size(), message);
        return Results.success(session.request(), message, to, from, Revisions.display(target), applied,
                catalog.pendingCount() - applied.size());
    }

    private MigrationResult scriptFailed(FlywayMigrateException e, ProgressCallback progress, String from,
                                         MigrationVersion target, int pendingCount, long started) throws SQLException {
        String now = session.currentRevisionNow();
        MigrationException error = session.errors().migrationFailed(e, now);
        // what stayed applied: in atomic mode the rollback took back every step reported so far
        List<MigrationStep> kept = progress.applied().stream()
                .filter(step -> !now.equals(Revisions.BASE) && MigrationVersion.fromVersion(step.version())
                        .compareTo(MigrationVersion.fromVersion(now)) <= 0)
                .toList();
        audit(from, now, false, started, kept.size(), error.getMessage());
        return new MigrationResult(false, error.getMessage(), now, from, session.request().action().id(),
                Revisions.display(target), kept, error.kind(), pendingCount - kept.size(), List.of());
    }

    private MigrationResult plan(List<MigrationInfo> pending, String from, MigrationVersion target, int pendingCount) {
        Planner planner = new Planner();
        for (MigrationInfo migration : pending) {
            planner.add(migration.getVersion().getVersion(), migration.getDescription(),
                    Path.of(migration.getPhysicalLocation()),
                    session.locations().undoScript(migration.getVersion()).isPresent());
        }
        String to = Revisions.display(target);
        return Results.success(session.request(), Messages.dryRunUpgrade(pending.size(), from, to,
                planner.warnings().size()), from, from, to, planner.steps(), pendingCount, planner.warnings());
    }

    private void audit(String from, String to, boolean success, long started, int count, String message)
            throws SQLException {
        session.audit().record(new AuditLog.Entry("upgrade", from, to, success, session.request().actor(),
                (System.nanoTime() - started) / 1_000_000, count, message));
    }
}
