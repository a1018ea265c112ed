package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.revision.RevisionExpression;
import io.dbmigrate.engine.revision.RevisionResolver;
import io.dbmigrate.engine.revision.Revisions;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Undo on Flyway's open-source edition. Checks everything first (undo scripts exist and are allowed, applied files
 * unchanged), then in one transaction holding Flyway's lock key runs the U scripts newest first, each after backing
 * up what it destroys, and deletes their history rows. PostgreSQL DDL is transactional, so any error leaves the
 * database at the revision it had. The one exception is a script marked to run outside a transaction: it may only be
 * the last step, and runs after the rest has committed. The checks are {@link DowngradePlan}'s, the run
 * {@link DowngradeExecution}'s; this class resolves the target and reports.
 */
public final class DowngradeAction {
    private final Session session;

    public DowngradeAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        RevisionExpression expression = RevisionExpression.parse(session.request().effectiveRevision());
        MigrationCatalog catalog = session.lockAndRead();
        if (!catalog.historyExists()) {
            throw RunFailures.notInitialized(session.schema());
        }
        String from = catalog.currentRevision();
        List<MigrationInfo> applied = catalog.appliedByRank();
        RevisionResolver.UndoTarget undoTarget = new RevisionResolver(catalog.knownVersions(), catalog.current(),
                session.previousRevision()).toUndo(expression, applied.stream().map(MigrationInfo::getVersion).toList());
        return RunPosition.of(from, undoTarget.revision()).run(() -> downgrade(catalog, applied, undoTarget));
    }

    private MigrationResult downgrade(MigrationCatalog catalog, List<MigrationInfo> applied,
                                      RevisionResolver.UndoTarget undoTarget) throws SQLException {
        String from = catalog.currentRevision();
        String to = Revisions.display(undoTarget.revision());
        // by version, the first applied of each, looked up once: a downgrade to base at thousands of migrations
        Map<MigrationVersion, MigrationInfo> appliedByVersion = new HashMap<>();
        for (MigrationInfo info : applied) {
            appliedByVersion.putIfAbsent(info.getVersion(), info);
        }
        List<MigrationInfo> toUndo = new ArrayList<>();
        for (MigrationVersion version : undoTarget.versions()) {
            toUndo.add(Objects.requireNonNull(appliedByVersion.get(version), version::getVersion));
        }
        if (toUndo.isEmpty()) {
            return Results.success(session.request(), Messages.alreadyAt(from), from, from, to, List.of(),
                    catalog.pendingCount());
        }
        DowngradePlan plan = DowngradePlan.read(session, catalog, toUndo);
        // a repeatable has no undo: what it created may be gone with the undone migrations (a view over a dropped
        // column), and Flyway re-applies it only when its history rows say it never ran or its file changed
        List<MigrationInfo> repeatables = catalog.appliedRepeatables();
        List<String> reapply = repeatables.stream().map(MigrationInfo::getScript).distinct().toList();
        long started = System.nanoTime();
        DowngradeExecution.Outcome outcome = new DowngradeExecution(session, plan)
                .run(repeatables, from, to, started);
        if (session.request().dryRun()) {
            List<String> warnings = new ArrayList<>(outcome.warnings());
            warnings.addAll(outcome.wouldBackUp());
            return Results.of(session.request()).revisions(from, from).target(to).migrations(outcome.steps())
                    .pending(catalog.pendingCount()).warnings(warnings).success(Messages.dryRunDowngrade(
                            plan.steps().size(), from, to, outcome.warnings().size(), outcome.backups().size(),
                            reapply));
        }
        return Results.of(session.request()).revisions(to, from).target(to).migrations(outcome.steps())
                .pending(session.catalog().pendingCount()).warnings(outcome.warnings()).backups(outcome.backups())
                .success(DowngradeExecution.message(plan.steps(), from, to, reapply));
    }
}
