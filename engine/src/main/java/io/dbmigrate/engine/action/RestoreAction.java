package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.sql.Identifiers;
import io.dbmigrate.engine.undo.BackupCatalog;
import io.dbmigrate.engine.undo.BackupRestore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts kept data back, all or nothing: the named backups, or every backup not restored yet whose source exists again.
 * Holds the run lock, so it never interleaves with a downgrade; marks each backup restored (it is not deleted) and
 * writes an audit row. A dry run does the same work in a transaction it rolls back.
 */
public final class RestoreAction {
    private final Session session;

    public RestoreAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        if (!session.request().dryRun()) {
            session.lockRun();
        }
        Connection connection = session.connection();
        String revision = session.historyExists() ? session.catalog().currentRevision() : "";
        BackupRestore restore = new BackupRestore(connection, session.request().onConflict());
        List<BackupTable> open = new ArrayList<>(choose(BackupCatalog.list(connection), restore));
        // whole tables before columns that may point at them, and the oldest downgrade step first, as re-upgrading runs
        open.sort(Comparator.comparing((BackupTable b) -> b.kind() != BackupTable.Kind.TABLE
                && b.kind() != BackupTable.Kind.ROWS).thenComparing(BackupTable::id, Comparator.reverseOrder()));
        List<BackupTable> chosen = referencedFirst(connection, open);
        if (chosen.isEmpty()) {
            return Results.success(session.request(), Messages.nothingToRestore(), revision, "", "", List.of(), 0);
        }
        long started = System.nanoTime();
        List<String> lines = new ArrayList<>();
        long rows = 0;
        connection.setAutoCommit(false);
        try {
            for (BackupTable backup : chosen) {
                BackupRestore.Outcome outcome = restore.restore(backup);
                lines.add(outcome.describe());
                rows += outcome.rows();
                BackupCatalog.markRestored(connection, backup, session.request().actor());
            }
            String message = Messages.restored(chosen.size(), rows, session.request().dryRun());
            if (session.request().dryRun()) {
                connection.rollback();
            } else {
                session.audit().record(new AuditLog.Entry("restore", revision, revision, true,
                        session.request().actor(), (System.nanoTime() - started) / 1_000_000, 0, message));
                connection.commit();
            }
            return Results.of(session.request()).revisions(revision, "").warnings(lines)
                    .backups(session.request().dryRun() ? List.of() : BackupCatalog.list(connection).stream()
                            .filter(b -> chosen.stream().anyMatch(c -> c.id() == b.id())).toList())
                    .success(message);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * {@code ordered} with each table's rows after those of the tables its foreign keys point at, where both are
     * restored (one undo script may drop a parent and its child, which it copies in catalog order); otherwise, and
     * among tables in a cycle, in the order given.
     */
    private static List<BackupTable> referencedFirst(Connection connection, List<BackupTable> ordered)
            throws SQLException {
        Map<BackupTable, Long> oids = new LinkedHashMap<>();
        try (PreparedStatement table = connection.prepareStatement("SELECT to_regclass(?)::oid")) {
            for (BackupTable backup : ordered) {
                if (backup.kind() == BackupTable.Kind.TABLE || backup.kind() == BackupTable.Kind.ROWS) {
                    table.setString(1, Identifiers.quote(backup.schema(), backup.object()));
                    try (ResultSet rs = table.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) != 0) {
                            oids.put(backup, rs.getLong(1));
                        }
                    }
                }
            }
        }
        Map<Long, Set<Long>> references = new HashMap<>();
        try (PreparedStatement keys = connection.prepareStatement("SELECT conrelid, confrelid FROM pg_constraint"
                + " WHERE contype = 'f' AND confrelid <> conrelid"); ResultSet rs = keys.executeQuery()) {
            while (rs.next()) {
                references.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
            }
        }
        // how many backups of each table are still to restore
        Map<Long, Integer> waiting = new HashMap<>();
        oids.values().forEach(oid -> waiting.merge(oid, 1, Integer::sum));
        List<BackupTable> pending = new ArrayList<>(ordered);
        List<BackupTable> result = new ArrayList<>();
        while (!pending.isEmpty()) {
            BackupTable next = pending.get(0); // a cycle: the first in the given order
            for (BackupTable candidate : pending) {
                if (ready(oids.get(candidate), references, waiting)) {
                    next = candidate;
                    break;
                }
            }
            pending.remove(next);
            result.add(next);
            Long oid = oids.get(next);
            if (oid != null) {
                waiting.computeIfPresent(oid, (k, n) -> n == 1 ? null : n - 1);
            }
        }
        return result;
    }

    /** Whether no table that {@code oid}'s foreign keys point at still waits for its rows. */
    private static boolean ready(Long oid, Map<Long, Set<Long>> references, Map<Long, Integer> waiting) {
        if (oid == null) {
            return true;
        }
        for (Long referenced : references.getOrDefault(oid, Set.of())) {
            if (waiting.containsKey(referenced)) {
                return false;
            }
        }
        return true;
    }

    /** The named backups (each must exist and hold data), else every open one whose source is back. */
    private List<BackupTable> choose(List<BackupTable> all, BackupRestore restore) throws SQLException {
        List<String> names = session.request().backupNames();
        if (names.isEmpty()) {
            List<BackupTable> open = new ArrayList<>();
            for (BackupTable backup : all) {
                if (backup.holdsData() && backup.restoredAt().isEmpty() && restore.sourceBack(backup)) {
                    open.add(backup);
                }
            }
            return open;
        }
        List<BackupTable> chosen = new ArrayList<>();
        List<String> known = all.stream().filter(BackupTable::holdsData).map(BackupTable::name).toList();
        for (String name : names) {
            chosen.add(all.stream().filter(b -> b.holdsData() && b.name().equals(name)).findFirst().orElseThrow(() ->
                    RequestFailures.unknownBackup(name, known)));
        }
        return chosen;
    }
}
