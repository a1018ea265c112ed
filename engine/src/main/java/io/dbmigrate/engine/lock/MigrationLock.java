package io.dbmigrate.engine.lock;

import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RunFailures;
import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;

/**
 * PostgreSQL advisory locks on keys derived from the schema history table.
 * <ul>
 * <li>The run lock (ours): held at session level for a whole upgrade or downgrade, so two db-migrate runs
 * never interleave; waited for up to the timeout, then LOCKED naming the holder.</li>
 * <li>Flyway's own key, which a downgrade takes inside its transaction so a stock Flyway migrate cannot
 * run in the middle of it (session and transaction advisory locks on one key block each other).</li>
 * </ul>
 * Our run lock is a session lock on an idle connection, never "idle in transaction", so a migration with
 * CREATE INDEX CONCURRENTLY does not wait for it.
 */
public final class MigrationLock {
    /** Flyway's PostgreSQLAdvisoryLockTemplate.LOCK_MAGIC_NUM ("Flyway"). */
    private static final long FLYWAY_MAGIC = (0x46L << 40) + (0x6CL << 32) + (0x79L << 24) + (0x77 << 16)
            + (0x61 << 8) + 0x79;
    /** "dbmigr", so our run lock never collides with Flyway's key. */
    private static final long RUN_MAGIC = (0x64L << 40) + (0x62L << 32) + (0x6DL << 24) + (0x69 << 16)
            + (0x67 << 8) + 0x72;
    private static final long POLL_MILLIS = 200;

    private MigrationLock() {
    }

    /** The key Flyway locks for a history table: its magic number plus the quoted table name's hash. */
    public static long flywayKey(String schema, String table) {
        return FLYWAY_MAGIC + quoted(schema, table).hashCode();
    }

    public static long runKey(String schema, String table) {
        return RUN_MAGIC + quoted(schema, table).hashCode();
    }

    private static String quoted(String schema, String table) {
        return Identifiers.quote(schema, table);
    }

    /** Takes the session-level lock, waiting up to {@code timeoutSeconds}. */
    public static void acquireSession(Connection connection, long key, int timeoutSeconds) throws SQLException {
        acquire(connection, key, timeoutSeconds, "SELECT pg_try_advisory_lock(?)");
    }

    /** Takes the transaction-level lock (released by commit or rollback), waiting up to {@code timeoutSeconds}. */
    public static void acquireTransactional(Connection connection, long key, int timeoutSeconds) throws SQLException {
        acquire(connection, key, timeoutSeconds, "SELECT pg_try_advisory_xact_lock(?)");
    }

    public static void releaseSession(Connection connection, long key) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            st.setLong(1, key);
            st.execute();
        }
    }

    private static void acquire(Connection connection, long key, int timeoutSeconds, String sql) throws SQLException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, key);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw describeHolder(connection, key, timeoutSeconds);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RunFailures.lockInterrupted();
                }
            }
        }
    }

    private static MigrationException describeHolder(Connection connection, long key, int waited) throws SQLException {
        String sql = "SELECT a.pid, coalesce(nullif(a.application_name, ''), 'a session') AS app, a.usename,"
                + " coalesce(a.xact_start, a.backend_start) AS since"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ?"
                + " AND l.objsubid = 1 LIMIT 1";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, key >>> 32);
            st.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return RunFailures.locked("another session", "moments ago", waited);
                }
                String holder = rs.getString("app") + " (pid " + rs.getInt("pid") + ", user " + rs.getString("usename") + ")";
                String since = rs.getObject("since", java.time.OffsetDateTime.class)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return RunFailures.locked(holder, since, waited);
            }
        }
    }
}
