package io.dbmigrate.engine.action;

import io.dbmigrate.engine.BackupTable;
import io.dbmigrate.engine.MigrationResult;
import io.dbmigrate.engine.MigrationStep;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.ErrorTranslator;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.plan.DestructiveStatements;
import io.dbmigrate.engine.plan.Finding;
import io.dbmigrate.engine.plan.Planner;
import io.dbmigrate.engine.revision.RevisionExpression;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.undo.ScriptRunner;
import io.dbmigrate.engine.undo.UndoBackup;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Undo on Flyway's open-source edition. Checks everything first (undo scripts exist, applied files
 * unchanged), then in one transaction holding Flyway's lock key runs the U scripts newest first and
 * deletes their history rows. PostgreSQL DDL is transactional, so any error leaves the database at
 * the revision it had.
 */
public final class DowngradeAction {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private final Session session;

    public DowngradeAction(Session session) {
        this.session = session;
    }

    /** An undo step, read and checked before anything is touched. */
    private record Undo(MigrationInfo migration, Path script, String sql) {
    }

    public MigrationResult run() throws SQLException {
        RevisionExpression expression = RevisionExpression.parse(session.request().effectiveRevision());
        MigrationCatalog catalog = session.lockAndRead();
        if (!catalog.historyExists()) {
            throw new MigrationException(ErrorKind.NOT_INITIALIZED, Messages.notInitialized(session.schema()));
        }
        String from = catalog.currentRevision();
        MigrationVersion target = session.resolveTarget(catalog, expression);
        if (target.compareTo(catalog.current()) > 0) {
            throw new MigrationException(ErrorKind.INVALID_INPUT,
                    Messages.downgradeTargetAboveCurrent(Revisions.display(target), from));
        }
        List<MigrationInfo> toUndo = catalog.appliedAbove(target);
        if (toUndo.isEmpty()) {
            return Results.success(session.request(), Messages.alreadyAt(from), from, from, Revisions.display(target),
                    List.of(), catalog.pendingCount());
        }
        List<Undo> plan = plan(catalog, toUndo);
        if (session.request().dryRun()) {
            return dryRun(plan, from, Revisions.display(target), catalog.pendingCount());
        }

        long started = System.nanoTime();
        Outcome outcome = execute(plan, from, started);
        String to = Revisions.display(target);
        String message = Messages.downgraded(outcome.undone().size(), from, to);
        return new MigrationResult(true, message, to, from, session.request().action().id(), to, outcome.undone(), null,
                catalog.pendingCount() + outcome.undone().size(), outcome.warnings(), outcome.backups());
    }

    private List<Undo> plan(MigrationCatalog catalog, List<MigrationInfo> toUndo) {
        catalog.requireAppliedUnchanged(toUndo, session.locations());
        List<Undo> plan = new ArrayList<>();
        for (MigrationInfo migration : toUndo) {
            String version = migration.getVersion().getVersion();
            if (migration.getType().isBaseline()) {
                throw new MigrationException(ErrorKind.IRREVERSIBLE, Messages.cannotReverseBaseline(version));
            }
            Path script = session.locations().undoScript(migration.getVersion()).orElseThrow(() ->
                    new MigrationException(ErrorKind.IRREVERSIBLE,
                            Messages.cannotReverse(version, session.locations().describe())));
            plan.add(new Undo(migration, script, Planner.read(script)));
        }
        return plan;
    }

    private MigrationResult dryRun(List<Undo> plan, String from, String to, int pending) {
        Planner planner = new Planner();
        for (Undo undo : plan) {
            planner.add(undo.migration().getVersion().getVersion(), undo.migration().getDescription(),
                    undo.script().getFileName().toString(), undo.sql(), true);
        }
        return Results.success(session.request(), Messages.dryRunDowngrade(plan.size(), from, to,
                planner.warnings().size()), from, from, to, planner.steps(), pending, planner.warnings());
    }

    /** What the transaction did: undone steps, backups kept, and what --no-backup let go. */
    private record Outcome(List<MigrationStep> undone, List<BackupTable> backups, List<String> warnings) {
    }

    private Outcome execute(List<Undo> plan, String from, long started) throws SQLException {
        Connection connection = session.connection();
        List<MigrationStep> undone = new ArrayList<>();
        List<BackupTable> backups = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            MigrationLock.acquireTransactional(connection,
                    MigrationLock.flywayKey(session.schema(), HistoryTable.NAME), session.request().lockTimeoutSeconds());
            if (!session.request().schemas().isEmpty()) {
                setSearchPath(connection);
            }
            UndoBackup backup = new UndoBackup(connection, managedSchemas(), LocalDateTime.now().format(STAMP));
            for (Undo undo : plan) {
                long t0 = System.nanoTime();
                String scriptName = undo.script().getFileName().toString();
                List<Finding> findings = DestructiveStatements.find(scriptName, undo.sql());
                try {
                    if (session.request().backups() && UndoBackup.needed(findings)) {
                        backups.addAll(backUp(backup, undo, findings, from));
                    } else if (!session.request().backups()) {
                        findings.forEach(f -> warnings.add(Messages.notBackedUp(f.toString())));
                    }
                    ScriptRunner.run(connection, undo.sql());
                } catch (ScriptRunner.ScriptFailure failure) {
                    throw new MigrationException(ErrorKind.SQL_ERROR, Messages.undoFailed(scriptName,
                            failure.sqlState(), failure.line(), failure.getMessage(), from));
                }
                MigrationInfo m = undo.migration();
                MigrationStep step = new MigrationStep(m.getVersion().getVersion(), m.getDescription(), scriptName,
                        MigrationStep.UNDONE, (System.nanoTime() - t0) / 1_000_000, "", true);
                undone.add(step);
                session.progress().finished(undone.size(), plan.size(), step);
            }
            HistoryTable.deleteRows(connection, session.schema(),
                    plan.stream().map(u -> u.migration().getInstalledRank()).toList());
            String to = session.target();
            session.audit().record(new AuditLog.Entry("downgrade", from, to, true, session.request().actor(),
                    (System.nanoTime() - started) / 1_000_000, undone.size(), Messages.downgraded(undone.size(), from, to)));
            connection.commit();
            return new Outcome(undone, backups, warnings);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            MigrationException error = session.errors().translate(e);
            recordFailure(from, started, error);
            throw error;
        } finally {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        }
    }

    private List<BackupTable> backUp(UndoBackup backup, Undo undo, List<Finding> findings, String from)
            throws ScriptRunner.ScriptFailure {
        try {
            return backup.backUp(undo.migration().getVersion().getVersion(), undo.sql(), findings);
        } catch (SQLException e) {
            throw new MigrationException(ErrorKind.SQL_ERROR, Messages.backupFailed(undo.script().getFileName().toString(),
                    e.getSQLState(), ErrorTranslator.serverMessage(e), from));
        }
    }

    private List<String> managedSchemas() {
        return session.request().schemas().isEmpty() ? List.of(session.schema()) : session.request().schemas();
    }

    private void setSearchPath(Connection connection) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            st.setString(1, "\"" + session.schema().replace("\"", "\"\"") + "\"");
            st.execute();
        }
    }

    private void recordFailure(String from, long started, MigrationException error) {
        try {
            session.audit().record(new AuditLog.Entry("downgrade", from, from, false, session.request().actor(),
                    (System.nanoTime() - started) / 1_000_000, 0, error.getMessage()));
        } catch (SQLException ignored) {
            // the connection itself may be what failed; the error we rethrow says what happened
        }
    }
}
