package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.api.StepState;
import io.dbmigrate.engine.connection.BorrowedConnection;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.error.Warnings;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.history.HistoryTable;
import io.dbmigrate.engine.lock.MigrationLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Flyway's own repair, as its open-source edition does it: failed rows removed, applied rows given their file's
 * checksum, description and type, applied migrations whose file is gone marked deleted. Flyway runs it on our
 * connection, inside our transaction ({@link BorrowedConnection}), so the audit row commits with it and a dry run is
 * Flyway's very repair rolled back: it lists exactly what would change. Holds the run lock and Flyway's lock key.
 */
public final class RepairAction {
    private final Session session;

    public RepairAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        session.locations().requireUsable();
        if (!session.historyExists()) {
            throw RunFailures.notInitialized(session.schema());
        }
        if (!session.request().dryRun()) {
            session.lockRun();
        }
        MigrationInfoService before = session.flywayConfig().load().info();
        String from = MigrationCatalog.of(true, before.all(), before.current()).currentRevision();
        // a repair aims at no revision
        return new RunPosition(from, "").run(() -> repair(before, from));
    }

    private MigrationResult repair(MigrationInfoService before, String from) throws SQLException {
        boolean dryRun = session.request().dryRun();
        Connection connection = session.connection();
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            // Flyway's repair takes no lock of its own: its key keeps a stock Flyway migrate out meanwhile
            MigrationLock.acquireTransactional(connection, MigrationLock.flywayKey(session.schema(), HistoryTable.NAME),
                    session.request().lockTimeoutSeconds());
            Flyway flyway = session.flywayConfig().dataSource(BorrowedConnection.of(connection)).load();
            RepairResult repair = flyway.repair();
            MigrationInfoService after = flyway.info();
            MigrationCatalog repaired = MigrationCatalog.of(true, after.all(), after.current());
            List<MigrationInfo> was = Arrays.asList(before.all());
            List<MigrationStep> steps = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (RepairOutput out : repair.migrationsRemoved) {
                MigrationInfo info = find(was, out, i -> i.getState().isFailed());
                steps.add(step(out, info, StepState.REMOVED));
                lines.add(Warnings.repairRemoved(label(out, info)));
            }
            for (RepairOutput out : repair.migrationsDeleted) {
                MigrationInfo info = find(was, out, i -> !i.getState().isResolved());
                steps.add(step(out, info, StepState.DELETED));
                lines.add(Warnings.repairDeleted(label(out, info)));
            }
            for (RepairOutput out : repair.migrationsAligned) {
                MigrationInfo info = find(was, out, i -> i.getState().isResolved() && i.getState().isApplied());
                steps.add(step(out, info, StepState.ALIGNED));
                lines.add(Warnings.repairAligned(label(out, info), whatChanged(info)));
            }
            String to = repaired.currentRevision();
            String message = steps.isEmpty() ? Messages.nothingToRepair(to)
                    : Messages.repaired(repair.migrationsRemoved.size(), repair.migrationsDeleted.size(),
                    repair.migrationsAligned.size(), to, dryRun);
            if (dryRun || steps.isEmpty()) {
                connection.rollback();
            } else {
                session.audit().record(new AuditLog.Entry("repair", from, to, true, session.request().actor(),
                        (System.nanoTime() - started) / 1_000_000, steps.size(), message));
                connection.commit();
            }
            return Results.of(session.request()).revisions(dryRun ? from : to, from).migrations(steps)
                    .pending(repaired.pendingCount()).warnings(lines).success(message);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The migration as it was before the repair: Flyway reports a version (or a repeatable's description) only. */
    private static MigrationInfo find(List<MigrationInfo> before, RepairOutput out, Predicate<MigrationInfo> state) {
        return before.stream()
                .filter(i -> out.version.isEmpty() ? i.getVersion() == null && i.getDescription().equals(out.description)
                        : i.getVersion() != null && i.getVersion().getVersion().equals(out.version))
                .filter(state)
                .findFirst().orElse(null);
    }

    private MigrationStep step(RepairOutput out, MigrationInfo info, StepState state) {
        return new MigrationStep(out.version, out.description, info == null ? "" : info.getScript(), state, 0,
                info == null || info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant().toString(),
                info != null && info.getVersion() != null
                        && session.locations().undoScript(info.getVersion()).isPresent());
    }

    /** The file on disk when there is one (its name may have changed), else the script the history names. */
    private static String label(RepairOutput out, MigrationInfo info) {
        if (info != null && info.getPhysicalLocation() != null && !info.getPhysicalLocation().isEmpty()) {
            return java.nio.file.Path.of(info.getPhysicalLocation()).getFileName().toString();
        }
        if (info != null && info.getScript() != null && !info.getScript().isEmpty()) {
            return info.getScript();
        }
        return (out.version.isEmpty() ? "" : "V" + out.version + " ") + out.description;
    }

    /**
     * What the applied row held that its file no longer says. The resolved and applied halves are only public on
     * Flyway's internal MigrationInfoImpl, which is what its own repair reads them from too.
     */
    private static List<String> whatChanged(MigrationInfo info) {
        if (!(info instanceof MigrationInfoImpl impl) || impl.getResolvedMigration() == null
                || impl.getAppliedMigration() == null) {
            return List.of(Warnings.repairRealigned());
        }
        List<String> changes = new ArrayList<>();
        Integer applied = impl.getAppliedChecksum();
        Integer resolved = impl.getResolvedChecksum();
        if (!Objects.equals(applied, resolved)) {
            changes.add(Warnings.repairChanged("checksum", String.valueOf(applied), String.valueOf(resolved)));
        }
        String oldDescription = impl.getAppliedMigration().getDescription();
        String newDescription = impl.getResolvedMigration().getDescription();
        if (!Objects.equals(oldDescription, newDescription)) {
            changes.add(Warnings.repairChanged("description", "'" + oldDescription + "'", "'" + newDescription + "'"));
        }
        String oldType = String.valueOf(impl.getAppliedMigration().getType());
        String newType = String.valueOf(impl.getResolvedMigration().getType());
        if (!oldType.equals(newType)) {
            changes.add(Warnings.repairChanged("type", oldType, newType));
        }
        return changes.isEmpty() ? List.of(Warnings.repairRealigned()) : changes;
    }
}
