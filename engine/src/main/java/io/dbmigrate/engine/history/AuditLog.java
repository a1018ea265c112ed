package io.dbmigrate.engine.history;

import io.dbmigrate.engine.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Our own table beside Flyway's history, {@code db_migrate_audit}: one row per upgrade, downgrade or
 * init (from, to, who, when, how long, success). It is what makes {@code previous} survive across runs
 * and machines. Stock Flyway ignores it.
 */
public final class AuditLog {
    public static final String TABLE = "db_migrate_audit";

    /** One row to write. */
    public record Entry(String action, String fromRevision, String toRevision, boolean success, String actor,
                        long durationMillis, int migrations, String message) {
    }

    private final Connection connection;
    private final String qualifiedTable;
    private final String schema;

    public AuditLog(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
        this.qualifiedTable = Identifiers.quote(schema) + "." + TABLE;
    }

    public void ensureTable() throws SQLException {
        if (exists()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + qualifiedTable + " ("
                    + "id bigserial PRIMARY KEY, action text NOT NULL, from_revision text NOT NULL, "
                    + "to_revision text NOT NULL, success boolean NOT NULL, actor text NOT NULL, "
                    + "started_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint NOT NULL, "
                    + "migrations integer NOT NULL, message text NOT NULL)");
        }
    }

    public void record(Entry entry) throws SQLException {
        ensureTable();
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO " + qualifiedTable
                + " (action, from_revision, to_revision, success, actor, duration_ms, migrations, message)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, entry.action());
            st.setString(2, entry.fromRevision());
            st.setString(3, entry.toRevision());
            st.setBoolean(4, entry.success());
            st.setString(5, entry.actor());
            st.setLong(6, entry.durationMillis());
            st.setInt(7, entry.migrations());
            st.setString(8, entry.message());
            st.executeUpdate();
        }
    }

    /** The revision before the most recent successful upgrade that changed the revision. */
    public Optional<String> previousRevision() throws SQLException {
        if (!exists()) {
            return Optional.empty();
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT from_revision FROM " + qualifiedTable
                     + " WHERE action = 'upgrade' AND success AND from_revision <> to_revision"
                     + " ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private boolean exists() throws SQLException {
        return HistoryTable.tableExists(connection, schema, TABLE);
    }
}
