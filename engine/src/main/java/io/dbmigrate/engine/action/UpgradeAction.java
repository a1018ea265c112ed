package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.connection.ErrorTranslator;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.ScriptFailures;
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
import java.util.ArrayList;
import java.util.Comparator;
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
            throw RunFailures.nonEmptyWithoutHistory(session.schema());
        }
        MigrationVersion target = session.resolveTarget(catalog, expression);
        return RunPosition.of(catalog.currentRevision(), target).run(() -> upgrade(catalog, target));
    }

    private MigrationResult upgrade(MigrationCatalog catalog, MigrationVersion target) throws SQLException {
        String from = catalog.currentRevision();
        if (target.compareTo(catalog.current()) < 0) {
            throw RequestFailures.upgradeTargetBelowCurrent(Revisions.display(target), from);
        }
        List<String> warnings = catalog.requireValidForUpgrade(session.locations());
        // Flyway runs pending repeatables after the versioned migrations, whatever the target
        List<MigrationInfo> pending = new ArrayList<>(catalog.pendingUpTo(target));
        pending.addAll(catalog.pendingRepeatables());
        if (pending.isEmpty()) {
            return Results.success(session.request(), Messages.alreadyAt(from), from, from, Revisions.display(target),
                    List.of(), catalog.pendingCount(), warnings);
        }
        if (session.request().dryRun()) {
            return plan(pending, from, target, catalog.pendingCount(), warnings);
        }

        ProgressCallback progress = new ProgressCallback(pending.size(), session.progress(), session.locations());
        long started = System.nanoTime();
        try {
            // validateOnMigrate off: the catalog read above already validated (requireValidForUpgrade), and a
            // second full scan and checksum of every file is what would make us slower than plain Flyway
            session.flywayConfig().target(target).callbacks(progress).validateOnMigrate(false).load().migrate();
        } catch (FlywayException e) {
            if (e instanceof FlywayMigrateException failed && ErrorTranslator.isScriptFailure(failed)) {
                return scriptFailed(failed, progress, from, target, pending.size(), started, warnings);
            }
            // Flyway refuses a mixed group with a plain FlywayMigrateException (code ERROR, the constructor its other
            // refusals use): no type, code or flag tells it apart, only its text
            if (session.request().atomic() && String.valueOf(e.getMessage()).contains("non-transactional")) {
                throw ScriptFailures.atomicRefused(e.getMessage());
            }
            throw session.errors().translate(e);
        }
        List<MigrationStep> applied = progress.applied();
        String to = Revisions.display(revisionAfter(catalog.current(), applied));
        String message = message(from, to, catalog.current(), applied);
        audit(from, to, true, started, applied.size(), message);
        return Results.success(session.request(), message, to, from, Revisions.display(target), applied,
                catalog.pendingCount() - applied.size(), warnings);
    }

    /**
     * The revision after applying {@code applied}: the highest version applied, as Flyway's {@code current()} says. A
     * migration applied out of order (below the revision) or a repeatable one leaves it where it was.
     */
    private static MigrationVersion revisionAfter(MigrationVersion from, List<MigrationStep> applied) {
        return versions(applied).stream().max(Comparator.naturalOrder()).filter(v -> v.compareTo(from) > 0)
                .orElse(from);
    }

    private static List<MigrationVersion> versions(List<MigrationStep> steps) {
        return steps.stream().filter(step -> !step.version().isEmpty())
                .map(step -> MigrationVersion.fromVersion(step.version())).toList();
    }

    private static String message(String from, String to, MigrationVersion start, List<MigrationStep> applied) {
        List<String> outOfOrder = versions(applied).stream().filter(v -> v.compareTo(start) < 0)
                .map(MigrationVersion::getVersion).toList();
        List<String> repeatables = applied.stream().filter(step -> step.version().isEmpty()).map(MigrationStep::script)
                .toList();
        return Messages.upgraded(from, to, applied.size() - repeatables.size(), outOfOrder, repeatables);
    }

    private MigrationResult scriptFailed(FlywayMigrateException e, ProgressCallback progress, String from,
                                         MigrationVersion target, int pendingCount, long started,
                                         List<String> warnings) throws SQLException {
        String now = session.currentRevisionNow();
        MigrationException error = session.errors().migrationFailed(e, now);
        // what stayed applied: each step commits on its own, but in atomic mode the rollback took back every one
        List<MigrationStep> kept = session.request().atomic() ? List.of() : progress.applied();
        audit(from, now, false, started, kept.size(), error.getMessage());
        return Results.of(session.request()).revisions(now, from).target(Revisions.display(target)).migrations(kept)
                .pending(pendingCount - kept.size()).warnings(warnings).failure(error);
    }

    private MigrationResult plan(List<MigrationInfo> pending, String from, MigrationVersion target, int pendingCount,
                                 List<String> warnings) {
        Planner planner = new Planner();
        for (MigrationInfo migration : pending) {
            boolean repeatable = migration.getVersion() == null;
            planner.add(repeatable ? "" : migration.getVersion().getVersion(), migration.getDescription(),
                    Path.of(migration.getPhysicalLocation()),
                    !repeatable && session.locations().undoScript(migration.getVersion()).isPresent());
        }
        String to = Revisions.display(target);
        int repeatables = (int) pending.stream().filter(migration -> migration.getVersion() == null).count();
        return Results.success(session.request(), Messages.dryRunUpgrade(pending.size() - repeatables, from, to,
                planner.warnings().size(), repeatables), from, from, to, planner.steps(), pendingCount,
                concat(warnings, planner.warnings()));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private void audit(String from, String to, boolean success, long started, int count, String message)
            throws SQLException {
        session.audit().record(new AuditLog.Entry("upgrade", from, to, success, session.request().actor(),
                (System.nanoTime() - started) / 1_000_000, count, message));
    }
}
