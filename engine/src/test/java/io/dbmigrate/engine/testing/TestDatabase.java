package io.dbmigrate.engine.testing;

import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.connection.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A fresh database on the shared test server, with the queries tests use to check what a user would see. */
public final class TestDatabase {
    private final int port;
    private final String name;

    TestDatabase(int port, String name) {
        this.port = port;
        this.name = name;
    }

    /** The same database on a server restarted from the same data (which listens on a new port). */
    public TestDatabase on(EmbeddedPostgres restarted) {
        return new TestDatabase(restarted.getPort(), name);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** JDBC URL without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    /** The form many teams keep in DATABASE_URL, password included. */
    public String postgresUrl() {
        return "postgresql://" + PostgresExtension.USER + ":" + PostgresExtension.PASSWORD + "@localhost:" + port + "/"
                + name;
    }

    public ConnectionSettings settings() {
        return new ConnectionSettings(jdbcUrl(), PostgresExtension.USER, Secret.of(PostgresExtension.PASSWORD), "--url",
                "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD);
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** First column of every row, as text. */
    public List<String> column(String sql) throws SQLException {
        try (Connection c = connect()) {
            return column(c, sql);
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public String value(String sql) throws SQLException {
        List<String> values = column(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Versions in Flyway's history, in the order applied. */
    public List<String> historyVersions() throws SQLException {
        return column("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success"
                + " ORDER BY installed_rank");
    }

    /**
     * Every row of Flyway's history as a line (rank, version, description, type, script, checksum, success),
     * in the order applied; empty when there is no history table. Failed and partial rows show as success=f.
     */
    public List<String> historyRows() throws SQLException {
        try (Connection c = connect()) {
            if (column(c, "SELECT to_regclass('public.flyway_schema_history')").get(0) == null) {
                return List.of();
            }
            return column(c, "SELECT concat_ws(' ', installed_rank, coalesce(version, '-'), description, type, script,"
                    + " coalesce(checksum::text, '-'), 'success=' || success) FROM flyway_schema_history"
                    + " ORDER BY installed_rank");
        }
    }

    /** Tables holding data that downgrades copied aside (schema db_migrate_backup). */
    public List<String> backupTables() throws SQLException {
        return column("SELECT tablename FROM pg_tables WHERE schemaname = 'db_migrate_backup'"
                + " AND tablename <> 'backup_catalog' ORDER BY 1");
    }

    /**
     * Waits until another session runs a statement containing {@code fragment} that started after {@code after}
     * (pass {@code OffsetDateTime.MIN} for any); returns when that statement started.
     */
    public OffsetDateTime awaitRunning(String fragment, OffsetDateTime after, Duration timeout) throws Exception {
        String sql = "SELECT max(query_start) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND state = 'active' AND strpos(query, ?) > 0";
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, fragment);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    OffsetDateTime started = rs.getObject(1, OffsetDateTime.class);
                    if (started != null && started.isAfter(after)) {
                        return started;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no session ran '" + fragment + "' within " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Waits until no session whose application name starts with {@code applicationName} is connected any more:
     * after a client dies, its server sessions finish the statement they run, roll back and go.
     */
    public void awaitNoSessions(String applicationName, Duration timeout) throws Exception {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND starts_with(application_name, ?)";
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, applicationName);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("sessions of '" + applicationName + "' still there after " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }

    public List<String> tables() throws SQLException {
        return column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    }

    /**
     * The user-visible shape of the public schema, from the catalog: tables, columns with type, default
     * and nullability, indexes and constraints. Two equal fingerprints mean the same schema.
     */
    public List<String> fingerprint() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect()) {
            fingerprint(c, lines);
        }
        return lines;
    }

    private static void fingerprint(Connection c, List<String> lines) throws SQLException {
        lines.addAll(column(c, "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null='"
                + " || is_nullable || ' default=' || coalesce(column_default, '-') FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name NOT IN ('flyway_schema_history', 'db_migrate_audit')"
                + " ORDER BY table_name, column_name"));
        lines.addAll(column(c, "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename NOT IN ('flyway_schema_history', 'db_migrate_audit') ORDER BY indexname"));
        lines.addAll(column(c, "SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                + " AND conrelid::regclass::text NOT IN ('flyway_schema_history', 'db_migrate_audit') ORDER BY 1"));
    }
}
