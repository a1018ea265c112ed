package io.dbmigrate.engine.action;

import io.dbmigrate.engine.action.DowngradePlan.Undo;
import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.connection.ErrorTranslator;
import io.dbmigrate.engine.error.ErrorKind;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.ScriptFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.lock.MigrationLock;
import io.dbmigrate.engine.plan.DestructiveStatements;
import io.dbmigrate.engine.revision.Revisions;
import io.dbmigrate.engine.sql.Identifiers;
import io.dbmigrate.engine.undo.BackupCatalog;
import io.dbmigrate.engine.undo.ScriptRunner;
import io.dbmigrate.engine.undo.UndoBackup;
import io.dbmigrate.engine.undo.UndoCallbacks;
import io.dbmigrate.engine.undo.UndoRunner;
import io.dbmigrate.engine.undo.UndoScript;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs a checked {@link DowngradePlan}: in one transaction holding Flyway's lock key, the undo scripts newest first,
 * each after backing up what it destroys, and the deletion of their history rows; then the one step that may run
 * outside a transaction. Audits the run, and on a script's failure runs afterUndoError.sql.
 */
final class DowngradeExecution {
    private final Session session;
    private final List<Undo> plan;
    private final UndoCallbacks callbacks;
    /** In a dry run: what each script or callback would have backed up, named by it. */
    private final List<String> wouldBackUp = new ArrayList<>();

    DowngradeExecution(Session session, DowngradePlan plan) {
        this.session = session;
        this.plan = plan.steps();
        this.callbacks = plan.callbacks();
    }

    /**
     * What the run did (in a dry run: would do): steps, backups kept (would keep), and warnings; in a dry run with
     * backups, also what each script or callback would have backed up, named by it.
     */
    record Outcome(List<MigrationStep> steps, List<BackupTable> backups, List<String> warnings,
                   List<String> wouldBackUp) {
    }

    /**
     * Runs the plan: every step that runs in a transaction, in one, committed; then the step marked to run outside a
     * transaction, if there is one. A dry run runs the same transaction to find what would be backed up, and rolls it
     * back; without backups it runs nothing.
     */
    Outcome run(List<MigrationInfo> repeatables, String from, String to, long started) throws SQLException {
        boolean dryRun = session.request().dryRun();
        Undo outside = plan.get(plan.size() - 1).script().executeInTransaction() ? null : plan.get(plan.size() - 1);
        List<Undo> inTransaction = outside == null ? plan : plan.subList(0, plan.size() - 1);
        String committed = outside == null ? to : revisionWith(to, outside);
        Connection connection = session.connection();
        List<MigrationStep> steps = new ArrayList<>();
        List<BackupTable> backups = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!ScriptRunner.standardStrings(connection)) {
            throw ScriptFailures.standardStringsOff();
        }
        if (dryRun) {
            plan.forEach(u -> DestructiveStatements.find(u.script().parsed()).forEach(f -> warnings.add(f.toString())));
            callbacks.all().forEach(c -> DestructiveStatements.find(c.parsed()).forEach(f -> warnings.add(f.toString())));
            if (!session.request().backups()) {
                // nothing would be backed up, so nothing needs probing: the scripts' own findings say it all
                plan.forEach(u -> steps.add(step(u, 0, true)));
                return new Outcome(steps, backups, warnings, wouldBackUp);
            }
        }
        connection.setAutoCommit(false);
        try {
            MigrationLock.acquireTransactional(connection, flywayKey(), session.request().lockTimeoutSeconds());
            setSearchPath(connection, true);
            UndoRunner runner = backupRunner(connection, dryRun);
            // beforeUndo: before the first undo script; what it destroys is kept as if that script destroyed it
            for (UndoScript callback : callbacks.beforeUndo()) {
                backups.addAll(runStep(connection, runner, plan.get(0).version(), callback, true, from, warnings));
            }
            for (Undo undo : inTransaction) {
                long t0 = System.nanoTime();
                for (UndoScript callback : callbacks.beforeEachUndo()) {
                    backups.addAll(runStep(connection, runner, undo.version(), callback, true, from, warnings));
                }
                backups.addAll(runStep(connection, runner, undo.version(), undo.script(), false, from, warnings));
                for (UndoScript callback : callbacks.afterEachUndo()) {
                    backups.addAll(runStep(connection, runner, undo.version(), callback, true, from, warnings));
                }
                steps.add(step(undo, t0, dryRun));
                if (!dryRun) {
                    session.progress().finished(steps.size(), plan.size(), steps.get(steps.size() - 1));
                }
            }
            if (!dryRun) {
                // the undone migrations' rows, and the repeatables' rows, so the next upgrade re-applies them
                List<Integer> rows = new ArrayList<>(inTransaction.stream().map(u -> u.migration().getInstalledRank())
                        .toList());
                rows.addAll(repeatables.stream().map(MigrationInfo::getInstalledRank).toList());
                HistoryTable.deleteRows(connection, session.schema(), rows);
            }
            // afterUndo: after the last undo script, in the same transaction, so its failure takes back everything;
            // with a step outside the transaction, it runs after that step instead
            if (outside == null) {
                for (UndoScript callback : callbacks.afterUndo()) {
                    backups.addAll(runStep(connection, runner, plan.get(plan.size() - 1).version(), callback, true,
                            from, warnings));
                }
            }
            if (runner != null) {
                // what the commit would fire (a deferred constraint trigger may delete rows), probed like a script
                backups.addAll(runStep(connection, runner, plan.get(plan.size() - 1).version(),
                        UndoRunner.DEFERRED_WORK, true, from, warnings));
            }
            if (dryRun) {
                if (outside != null) {
                    steps.add(step(outside, System.nanoTime(), true));
                }
                connection.rollback();
                return new Outcome(steps, backups, warnings, wouldBackUp);
            }
            session.audit().record(new AuditLog.Entry("downgrade", from, committed, true, session.request().actor(),
                    (System.nanoTime() - started) / 1_000_000, steps.size(), message(inTransaction, from, committed,
                    repeatables.stream().map(MigrationInfo::getScript).distinct().toList())));
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            MigrationException error = session.errors().translate(e);
            if (!dryRun) {
                error = afterUndoError(connection, plan.get(0).version(), error);
                recordFailure(from, started, error);
            }
            throw error;
        } finally {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        }
        if (outside != null) {
            steps.add(runOutsideTransaction(connection, outside, committed, to, started, plan.size()));
            warnings.add(Warnings.ranOutsideTransaction(outside.name(), committed));
        }
        return new Outcome(steps, backups, warnings, wouldBackUp);
    }

    /** The outcome's message; the revision stays when only migrations applied out of order were undone. */
    static String message(List<Undo> undone, String from, String to, List<String> reapply) {
        return Messages.downgraded(undone.size(), from, to, undone.stream().map(Undo::version).toList(), reapply);
    }

    /** The revision while {@code undo} is still applied: the higher of {@code to} and its version. */
    private static String revisionWith(String to, Undo undo) {
        MigrationVersion version = undo.migration().getVersion();
        return to.equals(Revisions.BASE) || version.compareTo(MigrationVersion.fromVersion(to)) > 0 ? undo.version()
                : to;
    }

    /**
     * Runs one undo script or SQL callback in the transaction, backing up first what it destroys (as destroyed by the
     * migration {@code version}); returns the backups.
     */
    private List<BackupTable> runStep(Connection connection, UndoRunner runner, String version, UndoScript script,
                                      boolean callback, String from, List<String> warnings) throws SQLException {
        try {
            if (runner != null) {
                List<BackupTable> kept = runner.run(version, script);
                if (session.request().dryRun()) {
                    kept.forEach(b -> wouldBackUp.add(Warnings.wouldBackUp(script.name(), b.toString())));
                }
                return kept;
            }
            if (!session.request().dryRun()) {
                DestructiveStatements.find(script.parsed()).forEach(f -> warnings.add(Warnings.notBackedUp(f.toString())));
            }
            ScriptRunner.run(connection, script.parsed());
            return List.of();
        } catch (ScriptRunner.ScriptFailure failure) {
            if (failure.endedTransaction()) {
                throw ScriptFailures.transactionEnded(script.name(),
                        failure.line(), from);
            }
            if (failure.stringsNotStandard()) {
                throw failure.line() > 0 ? ScriptFailures.standardStringsTurnedOff(script.name(), failure.line(), from)
                        : ScriptFailures.standardStringsOff();
            }
            String message = script == UndoRunner.DEFERRED_WORK
                    ? ScriptFailures.deferredFailed(failure.sqlState(), failure.getMessage(), from)
                    : callback ? ScriptFailures.callbackFailed(script.name(), failure.sqlState(), failure.line(), failure.getMessage(), from)
                    : ScriptFailures.undoFailed(script.name(), failure.sqlState(), failure.line(), failure.getMessage(), from);
            throw session.errors().scriptFailed(failure.sqlState(), message, failure.getMessage());
        } catch (UndoRunner.ProbeMismatch mismatch) {
            throw ScriptFailures.probeMismatch(script.name(),
                    mismatch.relations(), from);
        } catch (UndoRunner.Unprobeable unprobeable) {
            throw unprobeable(script.name(), unprobeable, from);
        } catch (UndoRunner.BackupFailure failure) {
            SQLException e = failure.getCause();
            throw ScriptFailures.backupFailed(script.name(), e.getSQLState(),
                    ErrorTranslator.serverMessage(e), from);
        }
    }

    /**
     * After a failed downgrade was rolled back: afterUndoError.sql, in a transaction of its own, with backups as any
     * script. Its own failure is rolled back and told after the downgrade's; the downgrade's error stays the error.
     */
    private MigrationException afterUndoError(Connection connection, String version, MigrationException error) {
        // not when the connection is gone, nor when the downgrade was refused before a script ran (lock, input)
        boolean scriptFailed = error.kind() == ErrorKind.SQL_ERROR || error.kind() == ErrorKind.PERMISSION;
        if (callbacks.afterUndoError().isEmpty() || !scriptFailed) {
            return error;
        }
        UndoScript running = null;
        try {
            connection.setAutoCommit(false);
            try {
                MigrationLock.acquireTransactional(connection, flywayKey(), session.request().lockTimeoutSeconds());
                setSearchPath(connection, true);
                UndoRunner runner = backupRunner(connection, false);
                for (UndoScript callback : callbacks.afterUndoError()) {
                    running = callback;
                    if (runner != null) {
                        runner.run(version, callback);
                    } else {
                        ScriptRunner.run(connection, callback.parsed());
                    }
                }
                connection.commit();
                return error;
            } catch (SQLException | RuntimeException | ScriptRunner.ScriptFailure | UndoRunner.ProbeMismatch
                     | UndoRunner.BackupFailure | UndoRunner.Unprobeable e) {
                connection.rollback();
                String name = running == null ? "afterUndoError.sql" : running.name();
                String detail;
                String state;
                int line = 0;
                if (e instanceof ScriptRunner.ScriptFailure failure) {
                    state = failure.sqlState();
                    line = failure.line();
                    detail = failure.getMessage();
                } else if (e instanceof UndoRunner.Unprobeable unprobeable) {
                    state = "unknown";
                    detail = unprobeable(name, unprobeable, "").getMessage();
                } else {
                    SQLException sql = ErrorTranslator.findCause(e, SQLException.class);
                    state = sql == null || sql.getSQLState() == null ? "unknown" : sql.getSQLState();
                    detail = sql == null ? String.valueOf(e.getMessage()) : ErrorTranslator.serverMessage(sql);
                }
                return new MigrationException(error.kind(), error.getMessage()
                        + ScriptFailures.afterUndoErrorFailed(name, state, line, detail));
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return error; // the connection itself failed: the downgrade's error says what matters
        }
    }

    private static MigrationException unprobeable(String script, UndoRunner.Unprobeable unprobeable, String from) {
        return switch (unprobeable.reason()) {
            case ROW_COUNTING_OFF -> ScriptFailures.rowCountingOff(script, from);
            case BACKUPS_DESTROYED -> ScriptFailures.backupsDestroyed(script, BackupCatalog.SCHEMA, from);
            case BACKUP_STATEMENTS_DESTROYED ->
                    ScriptFailures.backupStatementsDestroyed(script, unprobeable.relations(), from);
        };
    }

    private UndoRunner backupRunner(Connection connection, boolean dryRun) throws SQLException {
        if (!session.request().backups()) {
            return null;
        }
        if (!UndoRunner.rowChangesVisible(connection)) {
            throw ScriptFailures.rowChangesInvisible();
        }
        UndoBackup backup = new UndoBackup(connection, session.request().actor(), UUID.randomUUID().toString());
        return new UndoRunner(connection, session.schema(), backup, dryRun);
    }

    /**
     * The step marked executeInTransaction=false, after the rest committed: on its own connection state (autocommit),
     * holding Flyway's lock at session level, then its history row goes. A failure leaves what ran of it.
     */
    private MigrationStep runOutsideTransaction(Connection connection, Undo undo, String committed, String to,
                                                long started, int total) throws SQLException {
        long t0 = System.nanoTime();
        MigrationLock.acquireSession(connection, flywayKey(), session.request().lockTimeoutSeconds());
        try {
            setSearchPath(connection, false);
            // the callbacks around this step run outside the transaction with it, and afterUndo after it
            List<UndoScript> scripts = new ArrayList<>(callbacks.beforeEachUndo());
            scripts.add(undo.script());
            scripts.addAll(callbacks.afterEachUndo());
            scripts.addAll(callbacks.afterUndo());
            for (UndoScript script : scripts) {
                try {
                    ScriptRunner.run(connection, script.parsed());
                } catch (ScriptRunner.ScriptFailure failure) {
                    MigrationException error = session.errors().scriptFailed(failure.sqlState(), script == undo.script()
                            ? ScriptFailures.outsideTransactionFailed(undo.name(), failure.sqlState(), failure.line(),
                            failure.getMessage(), committed)
                            : ScriptFailures.callbackOutsideTransactionFailed(script.name(), failure.sqlState(),
                            failure.line(), failure.getMessage(), committed), failure.getMessage());
                    error = afterUndoError(connection, undo.version(), error);
                    recordFailure(committed, started, error);
                    throw error;
                }
            }
            HistoryTable.deleteRows(connection, session.schema(), List.of(undo.migration().getInstalledRank()));
            session.audit().record(new AuditLog.Entry("downgrade", committed, to, true, session.request().actor(),
                    (System.nanoTime() - started) / 1_000_000, 1, message(List.of(undo), committed, to, List.of())));
        } finally {
            MigrationLock.releaseSession(connection, flywayKey());
        }
        MigrationStep step = step(undo, t0, false);
        session.progress().finished(total, total, step);
        return step;
    }

    private MigrationStep step(Undo undo, long t0, boolean dryRun) {
        MigrationInfo m = undo.migration();
        return new MigrationStep(undo.version(), m.getDescription(), undo.name(),
                dryRun ? StepState.PLANNED : StepState.UNDONE, dryRun ? 0 : (System.nanoTime() - t0) / 1_000_000,
                "", true, dryRun ? undo.script().sql() : "");
    }

    private long flywayKey() {
        return MigrationLock.flywayKey(session.schema(), HistoryTable.NAME);
    }

    /**
     * The search_path Flyway's migrations ran with (PostgreSQLConnection.changeCurrentSchemaTo): the history's schema
     * in front of the connection's own path, unless that path already starts with it.
     */
    private void setSearchPath(Connection connection, boolean transactionOnly) throws SQLException {
        String original;
        try (PreparedStatement st = connection.prepareStatement("SHOW search_path");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            original = rs.getString(1);
        }
        String schema = session.schema();
        if (schema.equals(original) || original.startsWith(schema + ",")) {
            return;
        }
        String path = original.isBlank() ? Identifiers.quote(schema) : Identifiers.quote(schema) + "," + original;
        try (PreparedStatement st = connection.prepareStatement("SELECT set_config('search_path', ?, ?)")) {
            st.setString(1, path);
            st.setBoolean(2, transactionOnly);
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
