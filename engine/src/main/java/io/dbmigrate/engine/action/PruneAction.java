package io.dbmigrate.engine.action;

import io.dbmigrate.engine.api.BackupTable;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.error.Messages;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.history.AuditLog;
import io.dbmigrate.engine.undo.BackupCatalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deletes backups past retention ({@code --older-than}, by the server's clock), except the newest {@code --keep-last}
 * of each source, in one transaction with an audit row; holds the run lock. A dry run only lists them.
 */
public final class PruneAction {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private final Session session;

    public PruneAction(Session session) {
        this.session = session;
    }

    public MigrationResult run() throws SQLException {
        String olderThan = session.request().olderThan();
        if (olderThan.isEmpty()) {
            throw RequestFailures.olderThanRequired();
        }
        Duration retention = parse(olderThan);
        if (!session.request().dryRun()) {
            session.lockRun();
        }
        Connection connection = session.connection();
        String revision = session.historyExists() ? session.catalog().currentRevision() : "";
        List<BackupTable> all = BackupCatalog.list(connection);
        List<BackupTable> gone = expired(all, now(connection).minus(retention), session.request().keepLast());
        String message = Messages.pruned(gone.size(), olderThan, session.request().keepLast(), all.size() - gone.size(),
                session.request().dryRun());
        List<String> lines = gone.stream().map(b -> b + " (made " + b.createdAt() + ")").toList();
        if (!session.request().dryRun() && !gone.isEmpty()) {
            long started = System.nanoTime();
            connection.setAutoCommit(false);
            try {
                for (BackupTable backup : gone) {
                    BackupCatalog.delete(connection, backup);
                }
                session.audit().record(new AuditLog.Entry("prune", revision, revision, true, session.request().actor(),
                        (System.nanoTime() - started) / 1_000_000, 0, message));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return Results.of(session.request()).revisions(revision, "").warnings(lines).backups(gone).success(message);
    }

    /** Backups made before {@code cutoff}, except the newest {@code keepLast} of each source. */
    static List<BackupTable> expired(List<BackupTable> all, Instant cutoff, int keepLast) {
        Map<String, Integer> seen = new HashMap<>();
        List<BackupTable> gone = new ArrayList<>();
        List<BackupTable> newestFirst = new ArrayList<>(all);
        newestFirst.sort(Comparator.comparing(BackupTable::createdAt).thenComparing(BackupTable::id).reversed());
        for (BackupTable backup : newestFirst) {
            int rank = seen.merge(backup.kind() + ":" + backup.source(), 1, Integer::sum);
            if (rank > keepLast && Instant.parse(backup.createdAt()).isBefore(cutoff)) {
                gone.add(backup);
            }
        }
        gone.sort(Comparator.comparing(BackupTable::id));
        return gone;
    }

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw RequestFailures.badDuration(text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Instant now(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
